package io.harbormaster.app.desktop.executions;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * Every row the table knows and the ones it shows, filtered and in order. A new filter or order is
 * worked out in the background over a snapshot of the rows and reaches the table as one list swap;
 * rows that change meanwhile are applied to the result before the swap. A single changed row is put
 * in place at once (binary search), so the FX thread never filters or sorts 100,000 rows itself.
 * Owned by the UI thread.
 */
final class ShownRows {

    /** Past this many rows changed during a background pass, the pass is done again instead of patched. */
    private static final int PATCH_LIMIT = 500;

    private final BackgroundTasks tasks;
    private final Runnable onShownChanged;
    private final Consumer<List<ExecutionRow>> beforeNewQueryShown;
    private final Consumer<RuntimeException> onFailure;
    private final List<ExecutionRow> all = new ArrayList<>();
    private final Map<String, Integer> indexById = new HashMap<>();
    private final ObservableList<ExecutionRow> shown = new BulkList<>();
    /** Rows changed while a background pass runs: {before, after}; before is null for a new row. */
    private final List<ExecutionRow[]> changedDuringPass = new ArrayList<>();
    private RowQuery query = RowQuery.of(StateFilter.ALL, "", null);
    private boolean passRunning;
    private boolean passStale;
    /** Whether the query changed since a pass's rows were last shown: the next rows shown answer a new query. */
    private boolean queryChanged;

    /**
     * @param onShownChanged      told after the rows shown changed
     * @param beforeNewQueryShown told the rows that answer a new query (filter, search or order) just before
     *                            they replace the ones shown; not told when the same query's rows are
     *                            worked out again (older rows that arrived out of its order), nor when
     *                            no rows replace none
     */
    ShownRows(BackgroundTasks tasks, Runnable onShownChanged, Consumer<List<ExecutionRow>> beforeNewQueryShown,
              Consumer<RuntimeException> onFailure) {
        this.tasks = tasks;
        this.onShownChanged = onShownChanged;
        this.beforeNewQueryShown = beforeNewQueryShown;
        this.onFailure = onFailure;
    }

    ObservableList<ExecutionRow> shown() {
        return shown;
    }

    int total() {
        return all.size();
    }

    boolean contains(String id) {
        return indexById.containsKey(id);
    }

    /** True while a new filter or order is being worked out. */
    boolean busy() {
        return passRunning;
    }

    /** Adds the rows not known yet (a page of older ones); returns those. */
    List<ExecutionRow> addNew(List<ExecutionRow> rows) {
        List<ExecutionRow> added = new ArrayList<>(rows.size());
        for (ExecutionRow row : rows) {
            if (!indexById.containsKey(row.id())) {
                indexById.put(row.id(), all.size());
                all.add(row);
                added.add(row);
            }
        }
        if (added.isEmpty()) {
            return added;
        }
        if (passRunning) {
            added.forEach(row -> changedDuringPass.add(new ExecutionRow[] {null, row}));
            return added;
        }
        List<ExecutionRow> matching = new ArrayList<>();
        for (ExecutionRow row : added) {
            if (query.accepts(row)) {
                matching.add(row);
            }
        }
        matching.sort(query.order());
        if (matching.isEmpty()) {
            onShownChanged.run();
        } else if (shown.isEmpty() || query.order().compare(shown.get(shown.size() - 1), matching.get(0)) < 0) {
            // the usual case, older rows in the default order: they go below everything shown, in one change
            shown.addAll(matching);
            onShownChanged.run();
        } else {
            refilter();
        }
        return added;
    }

    /** Puts a new version of a row in place (or adds it); returns the version it replaced, or null. */
    ExecutionRow upsert(ExecutionRow row) {
        Integer index = indexById.get(row.id());
        ExecutionRow before;
        if (index == null) {
            indexById.put(row.id(), all.size());
            all.add(row);
            before = null;
        } else {
            before = all.set(index, row);
        }
        if (passRunning) {
            changedDuringPass.add(new ExecutionRow[] {before, row});
        } else {
            place(shown, before, row, query);
            onShownChanged.run();
        }
        return before;
    }

    /** Shows the rows {@code next} accepts, in its order, once worked out in the background. */
    void setQuery(RowQuery next) {
        query = next;
        queryChanged = true;
        refilter();
    }

    /**
     * Where the execution {@code id} is in {@code rows} (the shown rows, or rows about to be shown, of the
     * current query), or -1 when they do not hold it. A binary search: the query's order is total.
     */
    int indexIn(List<ExecutionRow> rows, String id) {
        Integer known = id == null ? null : indexById.get(id);
        if (known == null || !query.accepts(all.get(known))) {
            return -1;
        }
        int at = Collections.binarySearch(rows, all.get(known), query.order());
        return at >= 0 ? at : -1;
    }

    private void refilter() {
        if (passRunning) {
            passStale = true;
            return;
        }
        passRunning = true;
        changedDuringPass.clear();
        ExecutionRow[] snapshot = all.toArray(new ExecutionRow[0]);
        RowQuery pass = query;
        tasks.run(() -> select(snapshot, pass), result -> {
            passRunning = false;
            if (passStale || changedDuringPass.size() > PATCH_LIMIT) {
                passStale = false;
                refilter();
                return;
            }
            for (ExecutionRow[] change : changedDuringPass) {
                place(result, change[0], change[1], pass);
            }
            changedDuringPass.clear();
            // no rows over none is no change, and no list listener hears of it: neither is this told
            if (queryChanged && !(result.isEmpty() && shown.isEmpty())) {
                beforeNewQueryShown.accept(result);
            }
            queryChanged = false;
            shown.setAll(result);
            onShownChanged.run();
        }, failed -> {
            passRunning = false;
            passStale = false;
            onFailure.accept(failed);
        });
    }

    /** The rows {@code query} accepts, in its order: the background half of a new filter or order. */
    static List<ExecutionRow> select(ExecutionRow[] rows, RowQuery query) {
        ExecutionRow[] kept = new ExecutionRow[rows.length];
        int count = 0;
        for (ExecutionRow row : rows) {
            if (query.accepts(row)) {
                kept[count++] = row;
            }
        }
        ExecutionRow[] sorted = Arrays.copyOf(kept, count);
        Arrays.sort(sorted, query.order());
        return new ArrayList<>(Arrays.asList(sorted));
    }

    /** Replaces {@code before} by {@code after} in the ordered {@code list}, each only where {@code query} accepts it. */
    static void place(List<ExecutionRow> list, ExecutionRow before, ExecutionRow after, RowQuery query) {
        int at = before != null && query.accepts(before) ? Collections.binarySearch(list, before, query.order()) : -1;
        boolean keep = query.accepts(after);
        if (at >= 0 && keep && fitsAt(list, at, after, query)) {
            list.set(at, after);
            return;
        }
        if (at >= 0) {
            list.remove(at);
        }
        if (keep) {
            int insert = Collections.binarySearch(list, after, query.order());
            list.add(insert < 0 ? -insert - 1 : insert, after);
        }
    }

    private static boolean fitsAt(List<ExecutionRow> list, int at, ExecutionRow row, RowQuery query) {
        return (at == 0 || query.order().compare(list.get(at - 1), row) < 0)
                && (at == list.size() - 1 || query.order().compare(row, list.get(at + 1)) < 0);
    }
}
