package io.harbormaster.core.executor;

import java.time.Instant;

/**
 * How an execution ended. {@code exitCode} 0 is success; null means the engine could not say
 * (a Docker container in state "dead"), which the node records as a failure.
 */
public record ExitResult(Integer exitCode, Instant finishedAt, String detail) {

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }
}
