package io.harbormaster.core.store;

import io.harbormaster.core.execution.ExecutionState;
import java.time.Instant;

/**
 * The string keys of the store's sorted indexes. Numbers are zero-padded so that the keys' natural
 * order is the order we read them in (creation time, then id; revision within an execution).
 */
final class StoreKeys {

    static final char SEPARATOR = '|';
    /** The character right after {@link #SEPARATOR}: the exclusive upper bound of a prefix range. */
    static final char AFTER_SEPARATOR = '}';

    private StoreKeys() {
    }

    static void requireValidId(String id) {
        if (id.isEmpty() || id.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("An execution id must be non-empty and must not contain '"
                    + SEPARATOR + "': " + id);
        }
    }

    /** {@code createdAtNanos|id}: the creation-order index, and the tail of a state key. */
    static String creationKey(Instant createdAt, String id) {
        return pad(createdAt.getEpochSecond() * 1_000_000_000L + createdAt.getNano(), 19) + SEPARATOR + id;
    }

    /** {@code STATE|createdAtNanos|id}. */
    static String stateKey(ExecutionState state, Instant createdAt, String id) {
        return statePrefix(state) + creationKey(createdAt, id);
    }

    static String statePrefix(ExecutionState state) {
        return state.name() + SEPARATOR;
    }

    static String stateUpperBound(ExecutionState state) {
        return state.name() + AFTER_SEPARATOR;
    }

    /** {@code id|revision}: one history event per revision that recorded one. */
    static String historyKey(String id, long revision) {
        return id + SEPARATOR + pad(revision, 19);
    }

    static String historyPrefix(String id) {
        return id + SEPARATOR;
    }

    static String historyUpperBound(String id) {
        return id + AFTER_SEPARATOR;
    }

    /** The id at the end of a creation or state key. */
    static String idOf(String indexKey) {
        return indexKey.substring(indexKey.lastIndexOf(SEPARATOR) + 1);
    }

    /** A state key without its state: {@code createdAtNanos|id}, comparable across states. */
    static String creationPartOf(String stateKey) {
        return stateKey.substring(stateKey.indexOf(SEPARATOR) + 1);
    }

    /** The meta key naming the recovery plan saved last. */
    static final String CURRENT_PLAN = "currentRecoveryPlan";

    static String planHeaderKey(String planId) {
        return planId + SEPARATOR;
    }

    /** Sorts right after the header, so a plan's items are one sub-map. */
    static String planItemKey(String planId, String executionId) {
        return planId + SEPARATOR + executionId;
    }

    static String planUpperBound(String planId) {
        return planId + AFTER_SEPARATOR;
    }

    private static String pad(long value, int width) {
        String digits = Long.toString(Math.max(0, value));
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
