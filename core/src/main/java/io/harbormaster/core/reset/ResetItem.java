package io.harbormaster.core.reset;

import java.time.Instant;
import java.util.List;

/**
 * One thing a reset plan found, why we know it is ours, and what the plan does with it.
 *
 * @param kind         {@link #EXECUTION}, {@link #CONTAINER}, {@link #PLUGIN_PROCESS}, {@link #SOCKET},
 *                     {@link #WORK_DIR}, or a kind an executor reports of its own
 * @param id           container id, pid, path or execution id, depending on the kind
 * @param executionId  the execution it belongs to, or null if it cannot be tied to one
 * @param engineType   the executor that reported it (containers, threads), else null
 * @param ownership    whose it is now
 * @param action       what applying the plan does to it
 * @param proof        why we know it is ours, or why we cannot tell, in one line
 * @param processStart for a plugin process: the start time that proves the pid is the one we launched
 * @param files        for a plugin process or a socket: the files in the runtime dir that go with it
 */
public record ResetItem(String kind, String id, String executionId, String engineType, Ownership ownership,
                        Action action, String proof, Instant processStart, List<String> files) {

    public static final String EXECUTION = "execution";
    public static final String CONTAINER = "container";
    public static final String PLUGIN_PROCESS = "plugin-process";
    public static final String SOCKET = "socket";
    public static final String WORK_DIR = "work-dir";

    public ResetItem {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Whose the thing is when the plan is made. */
    public enum Ownership {
        /** Ours, and a live execution (PENDING, STARTING, RUNNING) uses it. */
        LIVE,
        /** Ours, and nothing live uses it. */
        ORPHAN,
        /** Looks like ours but cannot be proven (a reused pid): never touched. */
        NOT_PROVEN
    }

    /** What applying the plan does. */
    public enum Action {
        /** Stop the execution and record it CANCELLED. */
        STOP,
        /** Remove it, after checking again that it is still ours and still unused. */
        REMOVE,
        /** Nothing: it is in use (an orphans-only reset) or not provably ours. */
        LEAVE
    }

    /** Identifies the item within its plan. */
    public String key() {
        return kind + ":" + id;
    }

    /** One line for the operator: what, whose, why we know. */
    public String describe() {
        String owner = switch (ownership) {
            case LIVE -> "belongs to live execution " + executionId;
            case ORPHAN -> executionId == null ? "orphan" : "orphan (execution " + executionId + " is not live)";
            case NOT_PROVEN -> "not provably ours";
        };
        return action + " " + kind + " " + id + ": " + owner + "; " + proof;
    }
}
