package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Executions to store in tests. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

    private StoreFixtures() {
    }

    static JobSpec jobSpec(JobType type) {
        return new JobSpec("job", "default", type, 1, Map.of(), Map.of(),
                new TaskSpec("main", EngineSpec.docker(new DockerEngineSpec("busybox", List.of("sh", "-c", "true"),
                        List.of(), List.of(), null)), Map.of(), List.of(), null, null));
    }

    static Execution accepted(String id) {
        return accepted(id, T0);
    }

    static Execution accepted(String id, Instant createdAt) {
        return Execution.accepted(id, "job-" + id, jobSpec(JobType.BATCH), createdAt);
    }

    /** The {@code n}th of a series, created one second after the previous one. */
    static Execution acceptedNth(int n) {
        return accepted(String.format("e-%05d", n), T0.plusSeconds(n));
    }
}
