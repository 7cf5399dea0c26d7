package io.harbormaster.core.store;

import java.time.Instant;

/**
 * One entry of the decision log.
 *
 * @param sequence    assigned by the log on append (0 before)
 * @param kind        e.g. {@code PLAN}, {@code DECISION}, {@code OUTCOME}
 * @param actor       who decided: {@code policy:safe}, {@code operator:alice}, ...
 * @param detail      free text or JSON, as the recovery engine writes it
 */
public record DecisionRecord(long sequence, Instant at, String planId, String executionId, String kind,
                             String actor, String detail) {
}
