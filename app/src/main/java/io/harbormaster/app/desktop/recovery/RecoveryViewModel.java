package io.harbormaster.app.desktop.recovery;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.core.recovery.RecoveryService;
import io.harbormaster.core.recovery.TraceStep;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The recovery screen: the plan the node made at start, grouped by action; for the selected execution its path
 * through the core's flowchart with each step's evidence; and the operator's decisions, sent to the node's
 * {@link RecoveryService} in the background. The choices offered are the core's ({@link PlanItem#allowed()}),
 * never the app's own, and every decision is reloaded from the node so what is shown is what was stored.
 */
public final class RecoveryViewModel {

    private final BackgroundTasks tasks;
    private final String operator;
    private final ReadOnlyObjectWrapper<RecoveryGraph> graph = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RecoveryPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RecoveryGroup> groups = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<PlanItem> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RecoveryAction> choices = FXCollections.observableArrayList();
    private final ObservableList<String> activity = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private NodeService node;

    /** @param operator who the decision log names for this window's decisions ({@code user:alice}) */
    public RecoveryViewModel(BackgroundTasks tasks, String operator) {
        this.tasks = tasks;
        this.operator = operator;
        selectedId.addListener((obs, old, now) -> showSelected());
    }

    /** The operator as the decision log names them: the account that runs the window. */
    public static String localOperator() {
        return "user:" + System.getProperty("user.name", "unknown");
    }

    /** Loads the flowchart and the plan of {@code readyNode}, and follows its recovery events through {@link #onEvent}. */
    public void attach(NodeService readyNode) {
        this.node = readyNode;
        tasks.run(() -> new Loaded(readyNode.recovery().graph(), readyNode.recovery().plan()), loaded -> {
            graph.set(loaded.graph());
            show(loaded.plan().orElse(null));
            this.loaded.set(true);
        }, failed -> message.set("Could not read the recovery plan: " + failed.getMessage()));
    }

    private record Loaded(RecoveryGraph graph, Optional<RecoveryPlan> plan) {
    }

    /** Called on the UI thread with each node event, in order: decisions made elsewhere (CLI, API) show up here. */
    public void onEvent(NodeEvent event) {
        if (node == null) {
            return;
        }
        if (event.type() == NodeEvent.Type.RECOVERY_PLAN || event.type() == NodeEvent.Type.RECOVERY_DECISION) {
            activity.add(event.at() + "  " + (event.executionId() == null ? "" : event.executionId() + "  ")
                    + event.message());
            reload();
        }
    }

    /** Reads the plan again from the node. */
    public void reload() {
        NodeService from = node;
        tasks.run(() -> from.recovery().plan(), loaded -> show(loaded.orElse(null)),
                failed -> message.set("Could not read the recovery plan: " + failed.getMessage()));
    }

    /** Approves the selected execution's proposed action. */
    public void approveSelected() {
        PlanItem item = selected.get();
        if (item != null) {
            decide(service -> service.approve(List.of(item.executionId()), operator),
                    "Approved " + item.chosen() + " for " + item.executionId());
        }
    }

    /** Chooses {@code action} for the selected execution; only the core's allowed actions are offered. */
    public void overrideSelected(RecoveryAction action) {
        PlanItem item = selected.get();
        if (item != null) {
            decide(service -> service.override(item.executionId(), action, operator),
                    "Chose " + action + " for " + item.executionId());
        }
    }

    /** Approves every undecided item whose proposed action changes nothing that runs. */
    public void approveAllSafe() {
        decide(service -> service.approveAllSafe(operator), "Approved every safe proposal");
    }

    /** Approves every undecided item as proposed (WAIT stays waiting). */
    public void approveAll() {
        decide(service -> service.approveAll(operator), "Approved every proposal");
    }

    /** Approves the proposed action of these executions (the wizard approves a group at a time). */
    public void approve(List<String> executionIds) {
        if (!executionIds.isEmpty()) {
            decide(service -> service.approve(executionIds, operator), "Approved " + executionIds.size()
                    + (executionIds.size() == 1 ? " proposal" : " proposals"), () -> { });
        }
    }

    /** Chooses {@code action} for one execution; the core refuses an action it does not allow. */
    public void override(String executionId, RecoveryAction action) {
        decide(service -> service.override(executionId, action, operator), "Chose " + action + " for " + executionId,
                () -> { });
    }

    /** Applies what was approved; each item is probed again first by the core. */
    public void apply() {
        apply(() -> { });
    }

    /** As {@link #apply()}; {@code after} runs on the UI thread once the node answered, applied or refused. */
    public void apply(Runnable after) {
        decide(service -> service.apply(operator), "Applied the approved decisions", after);
    }

    /** "Accept all and apply": approves every proposal as it stands, then applies, in one background task. */
    public void acceptAllAndApply() {
        acceptAllAndApply(() -> { });
    }

    /** As {@link #acceptAllAndApply()}; {@code after} runs on the UI thread once the node answered. */
    public void acceptAllAndApply(Runnable after) {
        decide(service -> {
            service.approveAll(operator);
            return service.apply(operator);
        }, "Accepted every proposal and applied", after);
    }

    private void decide(Function<RecoveryService, RecoveryPlan> decision, String done) {
        decide(decision, done, () -> { });
    }

    private void decide(Function<RecoveryService, RecoveryPlan> decision, String done, Runnable after) {
        NodeService target = node;
        if (target == null) {
            message.set("The node is not running yet");
            after.run();
            return;
        }
        message.set("Working…");
        tasks.run(() -> decision.apply(target.recovery()), result -> {
            message.set(done);
            show(result);
            after.run();
        }, failed -> {
            message.set(failed.getMessage());
            after.run();
        });
    }

    private void show(RecoveryPlan next) {
        plan.set(next);
        Map<RecoveryAction, List<PlanItem>> byAction = new EnumMap<>(RecoveryAction.class);
        if (next != null) {
            for (PlanItem item : next.items()) {
                byAction.computeIfAbsent(item.chosen(), a -> new ArrayList<>()).add(item);
            }
        }
        groups.setAll(byAction.entrySet().stream().map(e -> new RecoveryGroup(e.getKey(), e.getValue())).toList());
        if (selectedId.get() == null && next != null && !next.items().isEmpty()) {
            selectedId.set(groups.get(0).items().get(0).executionId());
        } else {
            showSelected();
        }
    }

    private void showSelected() {
        RecoveryPlan current = plan.get();
        PlanItem item = current == null || selectedId.get() == null ? null
                : current.item(selectedId.get()).orElse(null);
        selected.set(item);
        if (item == null || item.status() != PlanItem.Status.PROPOSED && item.status() != PlanItem.Status.APPROVED) {
            choices.clear();
        } else {
            choices.setAll(item.allowed().stream().sorted().toList());
        }
    }

    /** The boxes the selected execution's path visited, its action's box last; empty when nothing is selected. */
    public Set<String> litNodes() {
        PlanItem item = selected.get();
        Set<String> lit = new LinkedHashSet<>();
        if (item != null) {
            item.trace().steps().forEach(step -> lit.add(step.node()));
            lit.add(RecoveryGraph.actionNode(item.proposed()));
        }
        return lit;
    }

    /** The arrows the selected execution's path took: from each step along its answer to the next box. */
    public Set<GraphEdge> litEdges() {
        PlanItem item = selected.get();
        RecoveryGraph chart = graph.get();
        Set<GraphEdge> lit = new LinkedHashSet<>();
        if (item == null || chart == null) {
            return lit;
        }
        List<TraceStep> steps = item.trace().steps();
        for (int i = 0; i < steps.size(); i++) {
            String to = i + 1 < steps.size() ? steps.get(i + 1).node() : RecoveryGraph.actionNode(item.proposed());
            String from = steps.get(i).node();
            String answer = steps.get(i).answer();
            chart.edges().stream().filter(e -> e.from().equals(from) && e.to().equals(to) && e.answer().equals(answer))
                    .findFirst().ifPresent(lit::add);
        }
        return lit;
    }

    /** Each visited box's evidence, to be written beside it. */
    public Map<String, String> evidence() {
        PlanItem item = selected.get();
        if (item == null) {
            return Map.of();
        }
        return item.trace().steps().stream().filter(s -> !s.evidence().isEmpty())
                .collect(Collectors.toMap(TraceStep::node, TraceStep::evidence, (a, b) -> a + "; " + b,
                        LinkedHashMap::new));
    }

    /** True when some item still waits for the operator: the wizard opens at start then. */
    public boolean hasDecisionsWaiting() {
        RecoveryPlan current = plan.get();
        return current != null && current.items().stream().anyMatch(i -> i.status() == PlanItem.Status.PROPOSED
                || i.status() == PlanItem.Status.APPROVED);
    }

    /** Becomes true once the plan made at start has been read: the wizard decides then whether to open. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecoveryGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RecoveryPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ObservableList<RecoveryGroup> groups() {
        return groups;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    public ReadOnlyObjectProperty<PlanItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The actions the core allows for the selected execution; empty once it is being applied or done. */
    public ObservableList<RecoveryAction> choices() {
        return choices;
    }

    /** Recovery events as they arrive, newest last. */
    public ObservableList<String> activity() {
        return activity;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
