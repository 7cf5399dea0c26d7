package io.harbormaster.core.spec;

import java.util.Map;
import java.util.Objects;

/**
 * A Bacalhau v1 job as this node runs it: exactly one task, {@code Count} 1.
 * Built only by {@link JobSpecParser}, so every instance has passed validation.
 */
public record JobSpec(
        String name,
        String namespace,
        JobType type,
        int count,
        Map<String, String> labels,
        Map<String, String> meta,
        TaskSpec task) {

    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(task, "task");
        namespace = namespace == null ? "default" : namespace;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public boolean isLongRunning() {
        return type.isLongRunning();
    }
}
