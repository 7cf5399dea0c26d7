package io.harbormaster.core.store;

import java.time.Duration;

/**
 * How long finished executions are kept. Both limits apply: older than {@code maxAge} goes, and
 * beyond the newest {@code maxCount} finished ones goes. Live and pending executions are never pruned.
 */
public record RetentionPolicy(Duration maxAge, int maxCount) {

    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(31), 100_000);
}
