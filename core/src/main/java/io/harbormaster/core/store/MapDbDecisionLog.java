package io.harbormaster.core.store;

import java.util.List;
import java.util.function.UnaryOperator;

/** The decision log of a {@link MapDbExecutionStore}: same file, same group commit. */
final class MapDbDecisionLog implements DecisionLog {

    @FunctionalInterface
    interface Reader {
        List<DecisionRecord> read(long fromSequence, int limit);
    }

    private final UnaryOperator<List<DecisionRecord>> appender;
    private final Reader reader;

    MapDbDecisionLog(UnaryOperator<List<DecisionRecord>> appender, Reader reader) {
        this.appender = appender;
        this.reader = reader;
    }

    @Override
    public DecisionRecord append(DecisionRecord entry) {
        return appender.apply(List.of(entry)).get(0);
    }

    @Override
    public List<DecisionRecord> appendAll(List<DecisionRecord> entries) {
        return entries.isEmpty() ? List.of() : appender.apply(entries);
    }

    @Override
    public List<DecisionRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return reader.read(fromSequence, limit);
    }
}
