package io.harbormaster.core.executor;

import java.time.Instant;

/** What an executor still has for one execution after a restart. */
public sealed interface Observation {

    /** One line a person can check: "container hm-e-7f... running since 10:41". */
    String evidence();

    record Running(String evidence) implements Observation {
    }

    /** It ended while we were not looking; {@code exitCode} is null when the engine cannot say. */
    record Exited(Integer exitCode, Instant finishedAt, String evidence) implements Observation {
    }

    /** Proven absent: the executor can see everything it would have created, and this is not there. */
    record Gone(String evidence) implements Observation {
    }

    /**
     * The executor holds what it created for this execution and can prove none of it ever ran: a container
     * created but never started. Starting it once doubles nothing.
     */
    record NotStarted(String evidence) implements Observation {
    }

    /** The executor could not tell (engine down, plugin hung, protocol mismatch). Never acted on as gone. */
    record Unknown(String evidence) implements Observation {
    }
}
