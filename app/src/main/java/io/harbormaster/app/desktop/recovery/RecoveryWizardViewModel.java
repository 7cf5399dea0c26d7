package io.harbormaster.app.desktop.recovery;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.core.store.PreviousRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The guided recovery wizard over the recovery screen's model: a first page saying what happened (crash or clean
 * restart) and what the node found, grouped by action, with one button that accepts every proposal and applies.
 * Those who review go group by group (approve the group, or choose another allowed action per execution), then
 * apply with progress; both paths end on a report that can be saved. Every decision goes through the recovery
 * screen's model to the node, so the wizard and the screen never disagree.
 */
public final class RecoveryWizardViewModel {

    /** The wizard's pages: SUMMARY, then REVIEW (optional), APPLYING and REPORT. */
    public enum Page { SUMMARY, REVIEW, APPLYING, REPORT }

    private final RecoveryViewModel recovery;
    private final BackgroundTasks tasks;
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.SUMMARY);
    private final StringProperty headline = new SimpleStringProperty("");
    private final ObservableList<String> groupLines = FXCollections.observableArrayList();
    private final StringProperty report = new SimpleStringProperty("");
    private final WizardReview review = new WizardReview();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    /** The executions the running apply was asked to apply: progress counts those finished. */
    private Set<String> applying = Set.of();

    public RecoveryWizardViewModel(RecoveryViewModel recovery, BackgroundTasks tasks) {
        this.recovery = recovery;
        this.tasks = tasks;
        recovery.planProperty().addListener((obs, old, now) -> update(now));
        update(recovery.planProperty().get());
    }

    /** True when the wizard should open by itself: something other than the safe actions waits for the operator. */
    public boolean shouldOpen() {
        return recovery.hasDecisionsWaiting();
    }

    /** "Accept all and apply": every proposal approved as it stands, then applied; the report follows. */
    public void acceptAllAndApply() {
        RecoveryPlan plan = recovery.planProperty().get();
        startApplying(plan == null ? Set.of() : ids(plan, i -> i.status() == PlanItem.Status.APPROVED
                || i.status() == PlanItem.Status.PROPOSED && i.proposed() != RecoveryAction.WAIT));
        recovery.acceptAllAndApply(this::applied);
    }

    /** "Review each…": the first group of what waits, by proposed action. */
    public void reviewEach() {
        RecoveryPlan plan = recovery.planProperty().get();
        if (plan != null) {
            review.begin(plan);
            page.set(Page.REVIEW);
        }
    }

    /** Approves, as proposed, every execution of the group shown that is still proposed (WAIT is not approvable). */
    public void approveGroup() {
        recovery.approve(review.approvable());
    }

    /** Chooses {@code action} for the execution selected in the review; the core allows it or says why not. */
    public void chooseForSelected(RecoveryAction action) {
        String id = review.selectedIdProperty().get();
        if (id != null && action != null) {
            recovery.override(id, action);
        }
    }

    public void nextGroup() {
        review.next();
    }

    public void previousGroup() {
        review.previous();
    }

    /** Applies every approved decision, with progress; what is still proposed keeps waiting. */
    public void applyDecisions() {
        RecoveryPlan plan = recovery.planProperty().get();
        startApplying(plan == null ? Set.of() : ids(plan, i -> i.status() == PlanItem.Status.APPROVED));
        recovery.apply(this::applied);
    }

    private void startApplying(Set<String> ids) {
        applying = ids;
        page.set(Page.APPLYING);
        showProgress(recovery.planProperty().get());
    }

    private void applied() {
        showProgress(recovery.planProperty().get());
        page.set(Page.REPORT);
    }

    private void showProgress(RecoveryPlan plan) {
        long done = plan == null ? 0 : plan.items().stream()
                .filter(i -> applying.contains(i.executionId()) && i.status().isFinished()).count();
        progress.set(applying.isEmpty() ? 1 : (double) done / applying.size());
        progressText.set(applying.isEmpty() ? "Nothing was approved: nothing to apply."
                : "Applied " + done + " of " + applying.size());
    }

    private static Set<String> ids(RecoveryPlan plan, Predicate<PlanItem> which) {
        return plan.items().stream().filter(which).map(PlanItem::executionId).collect(Collectors.toSet());
    }

    /** Writes the report as shown to {@code file}, in the background; the message says where or why not. */
    public void saveReport(Path file) {
        String text = report.get();
        tasks.run(() -> {
            try {
                return Files.writeString(file, text);
            } catch (IOException io) {
                throw new UncheckedIOException("Cannot write the report to " + file + ": " + io.getMessage(), io);
            }
        }, written -> recovery.messageProperty().set("Report saved to " + written),
                failed -> recovery.messageProperty().set(failed.getMessage()));
    }

    private void update(RecoveryPlan plan) {
        if (plan == null) {
            headline.set("No execution was live when the node last stopped.");
            groupLines.clear();
            return;
        }
        long waiting = plan.items().stream().filter(i -> !i.status().isFinished()).count();
        headline.set(whatHappened(plan.previousRun()) + " " + plan.items().size() + (plan.items().size() == 1 ? " execution was" : " executions were")
                + " live when the node last stopped (plan " + plan.planId() + ", policy " + plan.policy()
                + "); " + waiting + " still " + (waiting == 1 ? "waits" : "wait") + " for a decision.");
        groupLines.setAll(recovery.groups().stream().map(RecoveryWizardViewModel::describe).toList());
        report.set(reportOf(plan));
        if (page.get() == Page.REVIEW) {
            review.show(plan);
        } else if (page.get() == Page.APPLYING) {
            showProgress(plan);
        }
    }

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The headline's first sentence: how the node's last run ended, from the store's own records. */
    static String whatHappened(PreviousRun previous) {
        String pid = previous.pid() > 0 ? " (pid " + previous.pid() + ")" : "";
        return switch (previous.ending()) {
            case CRASHED -> "Crash detected: the node's last run" + pid + " ended without closing its store"
                    + (previous.lastKnownAt() == null ? "." : "; it last wrote at " + at(previous.lastKnownAt()) + ".");
            case CLEAN -> "Clean restart: the node's last run" + pid + " stopped cleanly at "
                    + at(previous.lastKnownAt()) + ".";
            case FIRST_START -> "First start of this node.";
            case UNRECORDED -> "The store does not say how the last run ended (an older Harbormaster wrote it).";
        };
    }

    private static String at(Instant instant) {
        return instant == null ? "an unknown time" : LOCAL_TIME.format(instant);
    }

    /** "FAIL (1, needs approval): the executor had gone × 1". */
    private static String describe(RecoveryGroup group) {
        Map<String, Long> found = group.items().stream()
                .collect(Collectors.groupingBy(i -> i.trace().observed(), TreeMap::new, Collectors.counting()));
        return group.title() + ": the executor said " + found.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' × " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** One line per execution: what was chosen, by whom, and how it ended. */
    static String reportOf(RecoveryPlan plan) {
        StringBuilder text = new StringBuilder("Recovery plan " + plan.planId() + " made " + plan.createdAt()
                + " (policy " + plan.policy() + ", approval " + plan.approval() + ")\n"
                + whatHappened(plan.previousRun()) + "\n");
        for (PlanItem item : plan.items()) {
            text.append(item.executionId()).append(": proposed ").append(item.proposed()).append(", chosen ")
                    .append(item.chosen()).append(", ").append(item.status());
            if (item.decidedBy() != null) {
                text.append(" by ").append(item.decidedBy());
            }
            if (item.outcome() != null) {
                text.append(" — ").append(item.outcome());
            }
            text.append('\n');
        }
        return text.toString();
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    /** One line per proposed action with what the executors said. */
    public ObservableList<String> groupLines() {
        return groupLines;
    }

    /** The plan as it stands, one line per execution, for the last page and to save. */
    public StringProperty reportProperty() {
        return report;
    }

    /** The review page's group, rows and choices. */
    public WizardReview review() {
        return review;
    }

    /** Of the executions being applied, the share finished (0 to 1). */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** "Applied 1 of 2". */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    public StringProperty messageProperty() {
        return recovery.messageProperty();
    }
}
