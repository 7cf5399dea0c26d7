package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryPlan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wizard's review, one group at a time: the executions that waited when the review began, grouped by the action
 * the core proposed. The groups are fixed at that moment, so an execution the operator overrides stays where they
 * found it instead of jumping to another group; its row shows the action now chosen.
 */
public final class WizardReview {

    /** One execution as the review shows it. */
    public record Row(String executionId, String said, RecoveryAction proposed, RecoveryAction chosen,
                      PlanItem.Status status, String decidedBy, List<RecoveryAction> allowed) {

        public Row {
            allowed = List.copyOf(allowed);
        }

        static Row of(PlanItem item) {
            return new Row(item.executionId(), item.trace().observed(), item.proposed(), item.chosen(), item.status(),
                    item.decidedBy(), item.allowed().stream().sorted().toList());
        }

        /** Still open to a decision: proposed, or approved but not applied. */
        public boolean undecided() {
            return status == PlanItem.Status.PROPOSED || status == PlanItem.Status.APPROVED;
        }

        /** "e-1: the executor said 'gone'; proposed FAIL, chosen CANCEL (APPROVED by user:alice)". */
        public String line() {
            return executionId + ": the executor said '" + said + "'; proposed " + proposed
                    + (chosen == proposed ? "" : ", chosen " + chosen) + " (" + status
                    + (decidedBy == null ? "" : " by " + decidedBy) + ")";
        }
    }

    private final List<RecoveryAction> order = new ArrayList<>();
    private final Map<RecoveryAction, List<String>> members = new EnumMap<>(RecoveryAction.class);
    private int index;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedId = new SimpleObjectProperty<>();
    private final ObservableList<RecoveryAction> choices = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper first = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper last = new ReadOnlyBooleanWrapper(true);
    private RecoveryPlan plan;

    WizardReview() {
        selectedId.addListener((obs, old, now) -> showChoices());
    }

    /** Starts over on {@code current}: its undecided items, grouped by proposed action in the flowchart's order. */
    void begin(RecoveryPlan current) {
        order.clear();
        members.clear();
        for (PlanItem item : current.items()) {
            if (Row.of(item).undecided()) {
                members.computeIfAbsent(item.proposed(), action -> new ArrayList<>()).add(item.executionId());
            }
        }
        order.addAll(members.keySet());
        index = 0;
        show(current);
    }

    /** Shows the current group's rows as {@code current} has them. */
    void show(RecoveryPlan current) {
        plan = current;
        first.set(index == 0);
        last.set(index >= order.size() - 1);
        if (order.isEmpty() || current == null) {
            title.set("Nothing waits for a decision.");
            rows.clear();
            showChoices();
            return;
        }
        RecoveryAction action = order.get(index);
        List<Row> now = members.get(action).stream().map(id -> current.item(id).map(Row::of).orElse(null))
                .filter(Objects::nonNull).toList();
        title.set("Group " + (index + 1) + " of " + order.size() + ": " + action + " proposed for " + now.size()
                + (now.size() == 1 ? " execution" : " executions")
                + (action.isSafe() ? " (safe: changes nothing that runs)" : " (needs approval)"));
        rows.setAll(now);
        if (selectedId.get() == null || now.stream().noneMatch(r -> r.executionId().equals(selectedId.get()))) {
            selectedId.set(now.isEmpty() ? null : now.get(0).executionId());
        }
        showChoices();
    }

    void next() {
        if (index < order.size() - 1) {
            index++;
            selectedId.set(null);
            show(plan);
        }
    }

    void previous() {
        if (index > 0) {
            index--;
            selectedId.set(null);
            show(plan);
        }
    }

    /** The group's items that can be approved as proposed: still proposed, and not WAIT (nothing to approve). */
    List<String> approvable() {
        return rows.stream().filter(r -> r.status() == PlanItem.Status.PROPOSED && r.proposed() != RecoveryAction.WAIT)
                .map(Row::executionId).toList();
    }

    private void showChoices() {
        Row row = rows.stream().filter(r -> r.executionId().equals(selectedId.get())).findFirst().orElse(null);
        if (row == null || !row.undecided()) {
            choices.clear();
        } else {
            choices.setAll(row.allowed());
        }
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<String> selectedIdProperty() {
        return selectedId;
    }

    /** The actions the core allows for the selected row; empty once it is applied. */
    public ObservableList<RecoveryAction> choices() {
        return choices;
    }

    public ReadOnlyBooleanProperty firstProperty() {
        return first.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lastProperty() {
        return last.getReadOnlyProperty();
    }
}
