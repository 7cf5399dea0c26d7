package io.harbormaster.app.desktop.environment;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The environment screen: everything the node owns, from a dry-run reset plan the core persists, each thing marked
 * live, orphan or not provably ours with the proof; then applying exactly that plan, with progress from the node's
 * RESET_PROGRESS events. Nothing is removed that the preview did not show.
 */
public final class EnvironmentViewModel {

    private final BackgroundTasks tasks;
    private final String operator;
    private final ObjectProperty<ResetMode> mode = new SimpleObjectProperty<>(ResetMode.ORPHANS);
    private final ReadOnlyObjectWrapper<ResetPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResetItem> items = FXCollections.observableArrayList();
    private final ObservableList<String> outcomes = FXCollections.observableArrayList();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private NodeService node;
    private int handled;

    public EnvironmentViewModel(BackgroundTasks tasks, String operator) {
        this.tasks = tasks;
        this.operator = operator;
        mode.addListener((obs, old, now) -> preview());
    }

    /** Shows what {@code readyNode} owns at once (a dry run: nothing changes). */
    public void attach(NodeService readyNode) {
        this.node = readyNode;
        preview();
    }

    /** Makes a new dry-run plan for the chosen mode; the core persists it so apply acts on exactly this. */
    public void preview() {
        NodeService from = node;
        if (from == null) {
            return;
        }
        ResetMode chosen = mode.get();
        tasks.run(() -> from.planReset(chosen, operator), made -> {
            plan.set(made);
            items.setAll(made.items());
            message.set(made.actionable().isEmpty() ? "Nothing to remove: the node owns no orphan."
                    : "Preview only: nothing changes until you apply.");
        }, failed -> message.set("Could not list what the node owns: " + failed.getMessage()));
    }

    /** What the confirmation names: every thing the plan stops or removes, by kind. Empty when there is none. */
    public String confirmation() {
        ResetPlan current = plan.get();
        if (current == null || current.actionable().isEmpty()) {
            return "";
        }
        Map<String, Long> byKind = current.actionable().stream().collect(Collectors.groupingBy(
                item -> item.action() + " " + item.kind(), TreeMap::new, Collectors.counting()));
        return byKind.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue())
                .collect(Collectors.joining(", ", "This will ", ":\n"))
                + current.actionable().stream().map(item -> "  " + item.kind() + " " + item.id())
                        .collect(Collectors.joining("\n"));
    }

    /** Applies the previewed plan; each item is re-checked by the core just before it acts. */
    public void apply() {
        ResetPlan current = plan.get();
        NodeService target = node;
        if (current == null || target == null) {
            message.set("Preview first: a reset applies only a plan you have seen");
            return;
        }
        outcomes.clear();
        handled = 0;
        progress.set(0);
        message.set("Applying " + current.id() + "…");
        tasks.run(() -> target.applyReset(current.id(), operator), this::finished,
                failed -> message.set("The reset did not finish: " + failed.getMessage()));
    }

    private void finished(ResetReport report) {
        // events may have been missed (attached late): the report is the record
        outcomes.setAll(report.outcomes().stream().map(o -> o.describe()).toList());
        progress.set(1);
        message.set("Reset " + report.planId() + " done: " + report.outcomes().size() + " items handled");
        preview();
    }

    /** Called on the UI thread with each node event: RESET_PROGRESS moves the progress bar. */
    public void onEvent(NodeEvent event) {
        if (event.type() != NodeEvent.Type.RESET_PROGRESS || plan.get() == null) {
            return;
        }
        outcomes.add(event.message());
        handled++;
        int total = Math.max(1, plan.get().items().size());
        progress.set(Math.min(1, (double) handled / total));
    }

    public ObjectProperty<ResetMode> modeProperty() {
        return mode;
    }

    public ReadOnlyObjectProperty<ResetPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ObservableList<ResetItem> items() {
        return items;
    }

    public ObservableList<String> outcomes() {
        return outcomes;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
