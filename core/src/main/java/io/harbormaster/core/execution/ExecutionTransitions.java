package io.harbormaster.core.execution;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The allowed edges of {@link ExecutionState}'s diagram, and nothing else. */
public final class ExecutionTransitions {

    private static final Map<ExecutionState, Set<ExecutionState>> NORMAL = new EnumMap<>(ExecutionState.class);

    static {
        NORMAL.put(ExecutionState.PENDING, EnumSet.of(ExecutionState.STARTING, ExecutionState.CANCELLED));
        NORMAL.put(ExecutionState.STARTING, EnumSet.of(ExecutionState.RUNNING, ExecutionState.COMPLETED,
                ExecutionState.FAILED, ExecutionState.CANCELLED));
        NORMAL.put(ExecutionState.RUNNING, EnumSet.of(ExecutionState.COMPLETED, ExecutionState.FAILED,
                ExecutionState.CANCELLED));
        NORMAL.put(ExecutionState.COMPLETED, EnumSet.noneOf(ExecutionState.class));
        NORMAL.put(ExecutionState.FAILED, EnumSet.noneOf(ExecutionState.class));
        NORMAL.put(ExecutionState.CANCELLED, EnumSet.noneOf(ExecutionState.class));
    }

    private ExecutionTransitions() {
    }

    public static boolean isAllowed(ExecutionState from, ExecutionState to, TransitionKind kind) {
        if (NORMAL.get(from).contains(to)) {
            return true;
        }
        return kind == TransitionKind.RECOVERY && isRerun(from, to);
    }

    /** The recovery-only edge STARTING|RUNNING -> STARTING, which counts a new attempt. */
    public static boolean isRerun(ExecutionState from, ExecutionState to) {
        return from.isLive() && to == ExecutionState.STARTING;
    }

    /** Throws {@link IllegalTransitionException} unless the edge exists for this kind of caller. */
    public static void check(String executionId, ExecutionState from, ExecutionState to, TransitionKind kind) {
        if (!isAllowed(from, to, kind)) {
            throw new IllegalTransitionException(executionId, from, to, kind);
        }
    }
}
