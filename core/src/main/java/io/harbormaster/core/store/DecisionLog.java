package io.harbormaster.core.store;

import java.util.List;

/**
 * Append-only record of recovery plans, decisions and outcomes. Entries are never changed or removed
 * by the node; each append is durable before it returns.
 */
public interface DecisionLog {

    /** @return the entry as stored, with its sequence number */
    DecisionRecord append(DecisionRecord entry);

    /** Entries with sequence &gt;= {@code fromSequence}, oldest first, at most {@code limit}. */
    List<DecisionRecord> read(long fromSequence, int limit);
}
