package io.harbormaster.core.node;

import io.harbormaster.core.execution.ExecutionState;
import java.time.Instant;

/**
 * Something that happened on the node, in the order it happened ({@code sequence} increases by one).
 *
 * @param executionId null for node-wide events
 * @param state       the execution's state after the event, or null
 * @param progress    for {@link Type#EXECUTOR_PROGRESS}: 0 to 1, or null when unknown (and for other events)
 */
public record NodeEvent(long sequence, Instant at, Type type, String executionId, ExecutionState state,
                        String message, Double progress) {

    /** An event without a progress fraction: every type but {@link Type#EXECUTOR_PROGRESS}. */
    public NodeEvent(long sequence, Instant at, Type type, String executionId, ExecutionState state, String message) {
        this(sequence, at, type, executionId, state, message, null);
    }

    public enum Type {
        NODE_STARTED,
        NODE_STOPPING,
        EXECUTION_ACCEPTED,
        EXECUTION_STATE_CHANGED,
        EXECUTION_OUTPUT,
        EXECUTOR_PROGRESS,
        /** A recovery plan was made or changed (message: plan id and what changed). */
        RECOVERY_PLAN,
        /** A recovery action was approved or overridden for the execution. */
        RECOVERY_DECISION,
        /** One item of an environment reset handled: the message is its outcome. */
        RESET_PROGRESS
    }
}
