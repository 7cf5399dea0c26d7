package io.harbormaster.core.execution;

/** Who asks for a transition; some edges are open to recovery only. */
public enum TransitionKind {
    /** The node driving an execution during normal operation, or an operator's cancel. */
    NORMAL,
    /** The recovery engine after a restart: may also take the re-run edge. */
    RECOVERY
}
