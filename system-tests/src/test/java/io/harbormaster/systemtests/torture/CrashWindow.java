package io.harbormaster.systemtests.torture;

/** The instants a {@code kill -9} must land in at least once per run; each is proven hit by what was seen. */
enum CrashWindow {
    /** A container runs but the node has not stored its handle (the executor's pauseAfterStart hook). */
    BEFORE_HANDLE_PERSISTED,
    /** A container is created but not started (the executor's pauseAfterCreate hook). */
    BETWEEN_CREATE_AND_START,
    /** Executions are RUNNING. */
    WHILE_RUNNING,
    /** A Docker batch was running at the kill and its container exited before the node came back. */
    BATCH_EXITS_WHILE_DOWN,
    /** Recovery had begun applying its plan (its first action was logged) and the node was not ready yet. */
    DURING_RECOVERY_APPLY,
    /** An environment reset was being applied (its first progress event had arrived, its answer had not). */
    DURING_RESET
}
