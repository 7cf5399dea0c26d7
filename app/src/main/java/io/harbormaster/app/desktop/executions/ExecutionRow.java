package io.harbormaster.app.desktop.executions;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of the executions table: an immutable snapshot of an execution, replaced whole when it
 * changes, so the table never shows half an update.
 */
public record ExecutionRow(String id, String jobName, String jobType, String engine, ExecutionState state,
                           Instant createdAt, Instant startedAt, Instant finishedAt, Integer exitCode,
                           int attempts, String reason, String searchText) {

    public static ExecutionRow of(Execution execution) {
        String name = execution.spec().name();
        String type = execution.spec().type().name().toLowerCase(Locale.ROOT);
        String engine = execution.engineType();
        String search = (execution.id() + ' ' + name + ' ' + type + ' ' + engine + ' ' + execution.state() + ' '
                + (execution.reason() == null ? "" : execution.reason())).toLowerCase(Locale.ROOT);
        return new ExecutionRow(execution.id(), name, type, engine, execution.state(), execution.createdAt(),
                execution.startedAt(), execution.finishedAt(), execution.exitCode(), execution.attempts(),
                execution.reason(), search);
    }

    /** How long it ran, or has run until {@code now}; null before it started. */
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }

    /** Whether every word of a lower-cased query occurs somewhere in the row. */
    public boolean matches(String[] words) {
        for (String word : words) {
            if (!searchText.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
