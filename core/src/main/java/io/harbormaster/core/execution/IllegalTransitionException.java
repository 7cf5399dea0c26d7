package io.harbormaster.core.execution;

import io.harbormaster.core.HarbormasterException;

/** A transition that the state diagram does not have (for example out of a terminal state). */
public class IllegalTransitionException extends HarbormasterException {

    public IllegalTransitionException(String executionId, ExecutionState from, ExecutionState to, TransitionKind kind) {
        super("Execution " + executionId + " cannot go from " + from + " to " + to
                + (kind == TransitionKind.RECOVERY ? " (even in recovery)" : ""));
    }
}
