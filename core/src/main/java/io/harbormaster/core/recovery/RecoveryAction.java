package io.harbormaster.core.recovery;

/**
 * What recovery does with one live execution. The safe actions change nothing that runs: REATTACH follows
 * what still runs, ADOPT_RESULT records an exit that already happened, RESUME starts work the executor proved
 * never began (starting it once doubles nothing). The others change the world and wait for approval.
 */
public enum RecoveryAction {
    REATTACH, ADOPT_RESULT, RESUME, RERUN, FAIL, CANCEL, WAIT;

    public boolean isSafe() {
        return this == REATTACH || this == ADOPT_RESULT || this == RESUME;
    }

    /** Parses an action name as an operator types it ({@code rerun}, {@code ADOPT_RESULT}, {@code adopt-result}). */
    public static RecoveryAction parse(String text) {
        String name = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (RecoveryAction action : values()) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a recovery action; use one of "
                + java.util.Arrays.toString(values()));
    }
}
