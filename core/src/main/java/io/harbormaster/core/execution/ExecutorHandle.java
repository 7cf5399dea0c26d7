package io.harbormaster.core.execution;

import java.util.Map;
import java.util.Objects;

/**
 * What an executor returns from start and needs again to find the execution: opaque to the core.
 * For Docker, the container id; for a plugin-hosted executor, whatever the plugin gave back.
 */
public record ExecutorHandle(String executorType, Map<String, String> attributes) {

    public ExecutorHandle {
        Objects.requireNonNull(executorType, "executorType");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static ExecutorHandle of(String executorType, Map<String, String> attributes) {
        return new ExecutorHandle(executorType, attributes);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }
}
