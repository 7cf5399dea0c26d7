package io.harbormaster.app.desktop.executions;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The executions screen: every execution of the node as a row, narrowed by a state filter and a
 * search, kept current by node events. Rows are fetched in the background and replaced whole.
 */
public final class ExecutionsViewModel {

    private final BackgroundTasks tasks;
    private final ObservableList<ExecutionRow> rows = FXCollections.observableArrayList();
    private final Map<String, Integer> indexById = new HashMap<>();
    private final FilteredList<ExecutionRow> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    /** The first page is what the operator needs at once; the rest follows in pages this size. */
    private static final int FIRST_PAGE = 500;
    private static final int PAGE = 5_000;

    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty complete = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>();
    private final Set<String> refreshing = new HashSet<>();
    private int unfinished;
    private final List<Consumer<ExecutionRow>> finishListeners = new ArrayList<>();
    private final ExecutionDetailsViewModel details;
    private ComputeNode node;

    public ExecutionsViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
        this.details = new ExecutionDetailsViewModel(tasks);
        search.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
        visible.addListener((javafx.collections.ListChangeListener<ExecutionRow>) change -> updateSummary());
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
            // one change for the whole page: the filtered and sorted views above take it in one pass
            List<ExecutionRow> added = new ArrayList<>(page.rows().size());
            for (ExecutionRow row : page.rows()) {
                if (!indexById.containsKey(row.id())) {
                    indexById.put(row.id(), rows.size() + added.size());
                    unfinished += row.state().isTerminal() ? 0 : 1;
                    added.add(row);
                }
            }
            rows.addAll(added);
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

    private void add(ExecutionRow row) {
        indexById.put(row.id(), rows.size());
        rows.add(row);
        unfinished += row.state().isTerminal() ? 0 : 1;
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

    /** Re-reads one execution; events for it that arrive meanwhile share the one read. */
    public void refresh(String executionId) {
        if (!refreshing.add(executionId)) {
            return;
        }
        ComputeNode current = node;
        tasks.run(() -> {
            // cleared before the read, so a change after it is read again
            tasks.ui().run(() -> refreshing.remove(executionId));
            return current.get(executionId);
        }, found -> found.ifPresent(this::upsert), failed -> message.set("Could not read " + executionId + ": "
                + failed.getMessage()));
    }

    void upsert(Execution execution) {
        ExecutionRow row = ExecutionRow.of(execution);
        Integer index = indexById.get(row.id());
        if (index == null) {
            add(row);
        } else {
            ExecutionRow before = rows.set(index, row);
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

    /** Told when a row goes from live or pending to a final state (for a notification). */
    public void addFinishListener(Consumer<ExecutionRow> listener) {
        finishListeners.add(listener);
    }

    private void applyFilter() {
        StateFilter states = stateFilter.get() == null ? StateFilter.ALL : stateFilter.get();
        String[] words = search.get() == null || search.get().isBlank() ? new String[0]
                : search.get().toLowerCase(Locale.ROOT).strip().split("\\s+");
        Predicate<ExecutionRow> predicate = row -> states.accepts(row.state()) && row.matches(words);
        visible.setPredicate(predicate);
    }

    private void updateSummary() {
        String count = visible.size() == rows.size() ? rows.size() + " executions"
                : visible.size() + " of " + rows.size() + " executions";
        summary.set(complete.get() || node == null ? count : count + ", loading older…");
    }

    public ObservableList<ExecutionRow> visibleRows() {
        return visible;
    }

    /** Executions not finished yet (pending, starting or running), as far as the table knows. */
    public long unfinishedCount() {
        return unfinished;
    }

    public int totalRows() {
        return rows.size();
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
