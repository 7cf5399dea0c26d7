package io.harbormaster.core.store;

import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.TransitionKind;
import java.util.Objects;

/**
 * A requested state change.
 *
 * @param exitCode recorded with the change when non-null (an exit reported by the executor)
 */
public record Transition(ExecutionState to, TransitionKind kind, String reason, Integer exitCode) {

    public Transition {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Transition to(ExecutionState to, String reason) {
        return new Transition(to, TransitionKind.NORMAL, reason, null);
    }

    public static Transition exited(ExecutionState to, int exitCode, String reason) {
        return new Transition(to, TransitionKind.NORMAL, reason, exitCode);
    }

    public static Transition recovery(ExecutionState to, String reason) {
        return new Transition(to, TransitionKind.RECOVERY, reason, null);
    }
}
