package io.harbormaster.core.cli;

import java.time.Duration;

/** Durations the way an operator reads them: {@code 850ms}, {@code 42s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}. */
final class HumanDuration {

    private HumanDuration() {
    }

    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "0s";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format("%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
