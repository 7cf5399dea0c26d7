package io.harbormaster.core.executor;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an executor learns about the node that hosts it.
 *
 * @param settings this executor's section of the node's {@code config.yaml} (for example the Docker host)
 */
public record ExecutorContext(String nodeId, Path dataDir, Map<String, String> settings) {

    public ExecutorContext {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
