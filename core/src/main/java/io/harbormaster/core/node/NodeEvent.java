package io.harbormaster.core.node;

import io.harbormaster.core.execution.ExecutionState;
import java.time.Instant;

/**
 * Something that happened on the node, in the order it happened ({@code sequence} increases by one).
 *
 * @param executionId null for node-wide events
 * @param state       the execution's state after the event, or null
 */
public record NodeEvent(long sequence, Instant at, Type type, String executionId, ExecutionState state,
                        String message) {

    public enum Type {
        NODE_STARTED,
        NODE_STOPPING,
        EXECUTION_ACCEPTED,
        EXECUTION_STATE_CHANGED,
        EXECUTION_OUTPUT,
        EXECUTOR_PROGRESS,
        /** One item of an environment reset handled: the message is its outcome. */
        RESET_PROGRESS
    }
}
