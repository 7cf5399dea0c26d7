package io.harbormaster.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The single task of a job.
 *
 * @param executionTimeout null when the job sets none
 */
public record TaskSpec(
        String name,
        EngineSpec engine,
        Map<String, String> env,
        List<InputSource> inputSources,
        Duration executionTimeout,
        ResourceSpec resources) {

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        env = env == null ? Map.of() : Map.copyOf(env);
        inputSources = inputSources == null ? List.of() : List.copyOf(inputSources);
        resources = resources == null ? ResourceSpec.NONE : resources;
    }
}
