package io.harbormaster.app.desktop.executions;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The executions screen: every execution of the node as a row, narrowed by a state filter and a
 * search, kept current by node events. Rows are fetched in the background and replaced whole.
 */
public final class ExecutionsViewModel {

    private final BackgroundTasks tasks;
    private final ShownRows rows;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    private Comparator<ExecutionRow> order;
    /** The first page is what the operator needs at once; the rest follows in pages this size. */
    private static final int FIRST_PAGE = 500;
    private static final int PAGE = 5_000;

    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty complete = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>();
    private final Set<String> refreshing = new HashSet<>();
    private final Set<String> refreshAgain = new HashSet<>();
    private int unfinished;
    private final List<Consumer<ExecutionRow>> finishListeners = new ArrayList<>();
    private IntConsumer beforeNewResults = selectedAt -> { };
    private final ExecutionDetailsViewModel details;
    private ComputeNode node;

    public ExecutionsViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
        this.details = new ExecutionDetailsViewModel(tasks);
        this.rows = new ShownRows(tasks, this::updateSummary,
                this::beforeNewResultsShown,
                failed -> message.set("Could not filter the executions: " + failed.getMessage()));
        search.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
        selectedId.addListener((obs, old, now) -> details.show(node, now));
    }

    /**
     * Shows the newest executions of {@code readyNode} at once, then walks back through the older ones
     * page by page (short store reads, so the node's writers never wait long), and follows changes
     * through {@link #onEvent}.
     */
    public void attach(ComputeNode readyNode) {
        this.node = readyNode;
        loading.set(true);
        complete.set(false);
        loadPage(readyNode, null, FIRST_PAGE);
    }

    /** One read of the store: its rows, made in the background, and where the next read starts. */
    private record Page(List<ExecutionRow> rows, Execution oldest) {
    }

    private void loadPage(ComputeNode from, Execution older, int size) {
        tasks.run(() -> {
            List<Execution> executions = from.store().listBefore(older, size);
            return new Page(executions.stream().map(ExecutionRow::of).toList(),
                    executions.isEmpty() ? null : executions.get(executions.size() - 1));
        }, page -> {
            // one change for the whole page, below the rows shown (older ones, in the default order)
            for (ExecutionRow row : rows.addNew(page.rows())) {
                unfinished += row.state().isTerminal() ? 0 : 1;
            }
            loading.set(false);
            updateSummary();
            if (page.rows().size() == size && from == node) {
                loadPage(from, page.oldest(), PAGE);
            } else {
                complete.set(true);
                updateSummary();
            }
        }, failed -> {
            loading.set(false);
            message.set("Could not load the executions: " + failed.getMessage());
        });
    }

    /** Called on the UI thread with each node event, in order. */
    public void onEvent(NodeEvent event) {
        if (event.executionId() == null || node == null) {
            return;
        }
        if (event.type() == NodeEvent.Type.EXECUTION_ACCEPTED || event.type() == NodeEvent.Type.EXECUTION_STATE_CHANGED) {
            refresh(event.executionId());
        }
    }

    /**
     * Re-reads one execution. One read per execution at a time, so an older answer never lands after a
     * newer one; events that arrive while it runs are answered by one more read once it is done, because
     * the read may have been made before their change.
     */
    public void refresh(String executionId) {
        if (!refreshing.add(executionId)) {
            refreshAgain.add(executionId);
            return;
        }
        ComputeNode current = node;
        tasks.run(() -> current.get(executionId), found -> {
            found.ifPresent(this::upsert);
            readDone(executionId);
        }, failed -> {
            message.set("Could not read " + executionId + ": " + failed.getMessage());
            readDone(executionId);
        });
    }

    private void readDone(String executionId) {
        refreshing.remove(executionId);
        if (refreshAgain.remove(executionId)) {
            refresh(executionId);
        }
    }

    void upsert(Execution execution) {
        ExecutionRow row = ExecutionRow.of(execution);
        ExecutionRow before = rows.upsert(row);
        if (before == null) {
            unfinished += row.state().isTerminal() ? 0 : 1;
        } else {
            unfinished += (row.state().isTerminal() ? 0 : 1) - (before.state().isTerminal() ? 0 : 1);
            if (!before.state().isTerminal() && row.state().isTerminal()) {
                finishListeners.forEach(listener -> listener.accept(row));
            }
        }
        if (row.id().equals(selectedId.get())) {
            details.show(node, row.id());
        }
    }

    public void cancelSelected() {
        String id = selectedId.get();
        if (id == null || node == null) {
            return;
        }
        ComputeNode current = node;
        tasks.run(() -> current.cancel(id, "cancelled from the desktop app"), cancelled -> {
            message.set("Cancelled " + id);
            upsert(cancelled);
        }, failed -> message.set("Could not cancel " + id + ": " + failed.getMessage()));
    }

    public void rerunSelected() {
        String id = selectedId.get();
        if (id == null || node == null) {
            return;
        }
        ComputeNode current = node;
        tasks.run(() -> current.resubmit(id), submitted -> {
            message.set("Re-running " + id + " as " + submitted.execution().id());
            upsert(submitted.execution());
        }, failed -> message.set("Could not re-run " + id + ": " + failed.getMessage()));
    }

    /**
     * Told just before the rows of a new search, state filter or order replace the rows shown, with where
     * the selected execution is among them (-1 when they do not hold it): a table shows the new rows from
     * their top, or where the selection is. Not told when rows arrive or change under the same search.
     */
    public void setBeforeNewResults(IntConsumer selectedAt) {
        this.beforeNewResults = Objects.requireNonNull(selectedAt, "selectedAt");
    }

    private void beforeNewResultsShown(List<ExecutionRow> newRows) {
        beforeNewResults.accept(rows.indexIn(newRows, selectedId.get()));
    }

    /** Told when a row goes from live or pending to a final state (for a notification). */
    public void addFinishListener(Consumer<ExecutionRow> listener) {
        finishListeners.add(listener);
    }

    /**
     * Orders the table by {@code columns} (null: newest first); ties are broken newest first. The rows
     * are sorted in the background and shown in one swap.
     */
    public void orderBy(Comparator<ExecutionRow> columns) {
        order = columns;
        applyFilter();
    }

    private void applyFilter() {
        rows.setQuery(RowQuery.of(stateFilter.get(), search.get(), order));
    }

    private void updateSummary() {
        int shown = rows.shown().size();
        String count = shown == rows.total() ? rows.total() + " executions" : shown + " of " + rows.total() + " executions";
        summary.set(complete.get() || node == null ? count : count + ", loading older…");
    }

    /** The rows the table shows, filtered and in order; replaced in one change when the filter or order changes. */
    public ObservableList<ExecutionRow> visibleRows() {
        return rows.shown();
    }

    /** True while a new filter or order is worked out in the background. */
    public boolean filtering() {
        return rows.busy();
    }

    /** Executions not finished yet (pending, starting or running), as far as the table knows. */
    public long unfinishedCount() {
        return unfinished;
    }

    public int totalRows() {
        return rows.total();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<StateFilter> stateFilterProperty() {
        return stateFilter;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True once every execution of the store is in the table. */
    public BooleanProperty completeProperty() {
        return complete;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    public ExecutionDetailsViewModel details() {
        return details;
    }
}
