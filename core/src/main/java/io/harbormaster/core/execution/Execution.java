package io.harbormaster.core.execution;

import io.harbormaster.core.spec.JobSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of a job on this node, as the store holds it. Immutable: every change is a new value with
 * a higher {@code revision}, written by compare-and-set.
 *
 * @param attempts   1 for the first start; the recovery-only re-run edge adds one
 * @param exitCode   set once the executor reported an exit; null otherwise
 * @param handle     persisted as soon as the executor returns it; null before (a crash can land here)
 * @param reattach   set when the execution is hosted by an external plugin process
 * @param reason     why it is in its current state, in words for the operator
 */
public record Execution(
        String id,
        String jobId,
        JobSpec spec,
        ExecutionState state,
        long revision,
        int attempts,
        Integer exitCode,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        ExecutorHandle handle,
        ReattachConfig reattach,
        String reason) {

    public Execution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new execution as accepted: PENDING, revision 0 (the store makes it 1 when it writes it). */
    public static Execution accepted(String id, String jobId, JobSpec spec, Instant now) {
        return new Execution(id, jobId, spec, ExecutionState.PENDING, 0, 0, null, now, now,
                null, null, null, null, "accepted");
    }

    public String engineType() {
        return spec.task().engine().type();
    }

    public Execution withHandle(ExecutorHandle newHandle) {
        return new Execution(id, jobId, spec, state, revision, attempts, exitCode, createdAt, updatedAt,
                startedAt, finishedAt, newHandle, reattach, reason);
    }

    public Execution withReattach(ReattachConfig newReattach) {
        return new Execution(id, jobId, spec, state, revision, attempts, exitCode, createdAt, updatedAt,
                startedAt, finishedAt, handle, newReattach, reason);
    }

    public Execution withExitCode(Integer code) {
        return new Execution(id, jobId, spec, state, revision, attempts, code, createdAt, updatedAt,
                startedAt, finishedAt, handle, reattach, reason);
    }

    /** The value after a state change; revision, attempts and timestamps follow the edge taken. */
    public Execution transitioned(ExecutionState to, String why, Instant now, long newRevision) {
        int newAttempts = to == ExecutionState.STARTING ? attempts + 1 : attempts;
        Instant started = to == ExecutionState.RUNNING && startedAt == null ? now : startedAt;
        Instant finished = to.isTerminal() ? now : null;
        return new Execution(id, jobId, spec, to, newRevision, newAttempts, exitCode, createdAt, now,
                started, finished, handle, reattach, why);
    }

    public Execution withRevision(long newRevision, Instant now) {
        return new Execution(id, jobId, spec, state, newRevision, attempts, exitCode, createdAt, now,
                startedAt, finishedAt, handle, reattach, reason);
    }
}
