package io.harbormaster.core.store;

import java.util.List;

/**
 * Append-only record of recovery plans, decisions and outcomes. Entries are never changed or removed
 * by the node; each append is durable before it returns.
 */
public interface DecisionLog {

    /** @return the entry as stored, with its sequence number */
    DecisionRecord append(DecisionRecord entry);

    /** Appends every entry in order, durably, as one write: a recovery plan is stored whole or not at all. */
    List<DecisionRecord> appendAll(List<DecisionRecord> entries);

    /** Entries with sequence &gt;= {@code fromSequence}, oldest first, at most {@code limit}. */
    List<DecisionRecord> read(long fromSequence, int limit);
}
