package io.harbormaster.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How the run that had the store open before this one ended, as the store's own records tell it: every open
 * commits that a node has it, and only a clean close commits that it stopped. So a run that left no clean stop was
 * killed, crashed or lost its machine, whatever it was doing; nobody has to guess from the executions.
 *
 * @param ending      how it ended
 * @param startedAt   when that run opened the store; null on a first start or when no run was recorded
 * @param lastKnownAt when it was last known alive: its clean stop, or after a crash the store's last write (the
 *                    files' modification time before this open); null when nothing is known
 * @param pid         the process id that run had, 0 when not recorded
 */
public record PreviousRun(Ending ending, Instant startedAt, Instant lastKnownAt, long pid) {

    /** What the store's records say about the run before this one. */
    public enum Ending {
        /** The store was created by this open: there was no run before. */
        FIRST_START,
        /** The run closed the store: a shutdown, detached or not. */
        CLEAN,
        /** The run opened the store and never closed it: killed, crashed, or the machine went down. */
        CRASHED,
        /** The store holds data but no run record: it was last used by a Harbormaster older than these records. */
        UNRECORDED
    }

    public PreviousRun {
        Objects.requireNonNull(ending, "ending");
    }

    public static PreviousRun firstStart() {
        return new PreviousRun(Ending.FIRST_START, null, null, 0);
    }

    public boolean crashed() {
        return ending == Ending.CRASHED;
    }

    /** One line for an operator: "crash detected: pid 4242 (started …) never closed the store; last write at …". */
    public String describe() {
        return switch (ending) {
            case FIRST_START -> "first start: the store was created now";
            case CLEAN -> "clean restart: the previous run" + pidPart() + " stopped cleanly at " + lastKnownAt;
            case CRASHED -> "crash detected: the previous run" + pidPart() + (startedAt == null ? ""
                    : ", started at " + startedAt + ",") + " never closed the store"
                    + (lastKnownAt == null ? "" : "; its last write was at " + lastKnownAt);
            case UNRECORDED -> "unknown: the store was last used by an older Harbormaster that recorded no stops";
        };
    }

    private String pidPart() {
        return pid > 0 ? " (pid " + pid + ")" : "";
    }
}
