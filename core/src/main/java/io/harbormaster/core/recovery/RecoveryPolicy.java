package io.harbormaster.core.recovery;

import io.harbormaster.core.HarbormasterException;
import java.util.Locale;

/**
 * Which flowchart the planner walks. {@code EXTENDED} (default) asks the executor what it still has and never
 * re-runs finished work; {@code SEED} is the problem statement's chart taken literally: batch work is cancelled,
 * long-running work is kept running.
 */
public enum RecoveryPolicy {
    EXTENDED, SEED;

    public static RecoveryPolicy parse(String text) {
        if (text == null) {
            return EXTENDED;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "extended" -> EXTENDED;
            case "seed" -> SEED;
            default -> throw new HarbormasterException("recovery policy must be extended or seed, not '" + text + "'");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
