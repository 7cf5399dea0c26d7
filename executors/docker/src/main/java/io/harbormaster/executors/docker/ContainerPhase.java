package io.harbormaster.executors.docker;

import java.util.Locale;

/** A container's state as the executor acts on it; Docker's own states fold into these. */
enum ContainerPhase {
    /** running, paused or restarting: a process exists or will again. */
    RUNNING,
    /** created and never started: an earlier start crashed before starting it. */
    CREATED,
    /** exited (or being removed): the exit code is known. */
    EXITED,
    /** the engine gave up on it: the exit code is not known. */
    DEAD;

    static ContainerPhase of(String dockerState) {
        String state = dockerState == null ? "" : dockerState.toLowerCase(Locale.ROOT);
        return switch (state) {
            case "running", "paused", "restarting" -> RUNNING;
            case "created" -> CREATED;
            case "dead" -> DEAD;
            default -> EXITED;
        };
    }
}
