package io.harbormaster.app.desktop.executions;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the executions table: an immutable snapshot of an execution, replaced whole when it
 * changes, so the table never shows half an update. The texts the cells show are made here, once per
 * row and off the FX thread, so scrolling only hands ready strings to the cells.
 */
public record ExecutionRow(String id, String jobName, String jobType, String engine, ExecutionState state,
                           Instant createdAt, Instant startedAt, Instant finishedAt, Integer exitCode,
                           int attempts, String reason, String searchText, Texts texts) {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** What the cells of one row show; {@code duration} is null while the execution runs (it grows on screen). */
    public record Texts(String started, String duration, String exitCode, String attempts) {
    }

    public static ExecutionRow of(Execution execution) {
        String name = execution.spec().name();
        String type = execution.spec().type().name().toLowerCase(Locale.ROOT);
        String engine = execution.engineType();
        String search = (execution.id() + ' ' + name + ' ' + type + ' ' + engine + ' ' + execution.state() + ' '
                + (execution.reason() == null ? "" : execution.reason())).toLowerCase(Locale.ROOT);
        Instant started = execution.startedAt();
        Instant finished = execution.finishedAt();
        boolean running = started != null && finished == null;
        Texts texts = new Texts(started == null ? "" : STARTED.format(started),
                running ? null : humanDuration(duration(started, finished, null)),
                execution.exitCode() == null ? "" : String.valueOf(execution.exitCode()),
                String.valueOf(execution.attempts()));
        return new ExecutionRow(execution.id(), name, type, engine, execution.state(), execution.createdAt(),
                started, finished, execution.exitCode(), execution.attempts(), execution.reason(), search, texts);
    }

    /** How long it ran, or has run until {@code now}; null before it started. */
    public Duration duration(Instant now) {
        return duration(startedAt, finishedAt, now);
    }

    /** The duration column's text at {@code now}: fixed once finished, growing while it runs. */
    public String durationText(Instant now) {
        return texts.duration() != null ? texts.duration() : humanDuration(duration(now));
    }

    private static Duration duration(Instant startedAt, Instant finishedAt, Instant now) {
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

    static String humanDuration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return duration.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0)
                    : seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
