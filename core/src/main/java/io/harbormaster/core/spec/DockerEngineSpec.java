package io.harbormaster.core.spec;

import java.util.List;
import java.util.Objects;

/**
 * Bacalhau's docker engine parameters.
 *
 * @param environmentVariables {@code KEY=value} strings, as Bacalhau writes them
 * @param workingDirectory     null for the image's default
 */
public record DockerEngineSpec(
        String image,
        List<String> entrypoint,
        List<String> parameters,
        List<String> environmentVariables,
        String workingDirectory) {

    public DockerEngineSpec {
        Objects.requireNonNull(image, "image");
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        environmentVariables = environmentVariables == null ? List.of() : List.copyOf(environmentVariables);
    }
}
