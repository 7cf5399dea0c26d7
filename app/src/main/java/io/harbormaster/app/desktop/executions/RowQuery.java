package io.harbormaster.app.desktop.executions;

import java.util.Comparator;
import java.util.Locale;

/**
 * Which rows the table shows and in which order: a state filter, the search words and a total order
 * (ties broken newest first, then by id, so a row's place can be found again by binary search).
 */
public record RowQuery(StateFilter states, String[] words, Comparator<ExecutionRow> order) {

    /** Newest first: how the table opens, and how every other order breaks its ties. */
    public static final Comparator<ExecutionRow> NEWEST_FIRST = Comparator.comparing(ExecutionRow::createdAt)
            .reversed().thenComparing(ExecutionRow::id);

    public static RowQuery of(StateFilter states, String search, Comparator<ExecutionRow> order) {
        String[] words = search == null || search.isBlank() ? new String[0]
                : search.toLowerCase(Locale.ROOT).strip().split("\\s+");
        Comparator<ExecutionRow> total = order == null ? NEWEST_FIRST : order.thenComparing(NEWEST_FIRST);
        return new RowQuery(states == null ? StateFilter.ALL : states, words, total);
    }

    public boolean accepts(ExecutionRow row) {
        return states.accepts(row.state()) && row.matches(words);
    }
}
