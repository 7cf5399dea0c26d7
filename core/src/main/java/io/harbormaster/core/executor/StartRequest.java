package io.harbormaster.core.executor;

import io.harbormaster.core.spec.JobSpec;

/** Everything needed to start one execution; {@code executionId} is the idempotency key. */
public record StartRequest(String executionId, String jobId, int attempt, JobSpec spec, ExecutionFiles files) {
}
