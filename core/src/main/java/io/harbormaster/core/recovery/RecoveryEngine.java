package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.ExecutionStore;
import io.harbormaster.core.store.PreviousRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recovery engine: probes what was live, walks each execution through the flowchart, persists the plan before
 * anything is done, lets the approval policy and the operator decide, and applies the approved actions, each probed
 * again just before. A node killed while applying finishes, at its next start, what it was applying and carries
 * over what the operator approved; it never does an action twice.
 */
public final class RecoveryEngine implements RecoveryService {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryEngine.class);
    /** A probe this recent counts as "just before" applying: the plan's own probe at start is not repeated. */
    static final Duration FRESH = Duration.ofSeconds(1);
    private static final int OUTCOME_CHUNK = 256;

    private final ExecutionStore store;
    private final RecoveryPlanRepository plans;
    private final RecoveryProber prober;
    private final RecoveryPlanner planner;
    private final RecoveryActions actions;
    private final ApprovalPolicy approval;
    private final Clock clock;
    private final RecoveryListener listener;
    /** Written under the engine's lock; read without it, so a plan read never waits for a probe. */
    private volatile RecoveryPlan current;

    public RecoveryEngine(ExecutionStore store, RecoveryProber prober, RecoveryPolicy policy, ApprovalPolicy approval,
                          RecoveryActions actions, Clock clock, RecoveryListener listener) {
        this.store = store;
        this.plans = new RecoveryPlanRepository(store.recoveryPlans());
        this.prober = prober;
        this.planner = new RecoveryPlanner(policy);
        this.approval = approval;
        this.actions = actions;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * At node start: finishes what the last plan was applying, plans every execution still live, persists the plan,
     * approves what the policy allows and applies it.
     */
    public synchronized Optional<RecoveryPlan> start(List<Execution> liveAtStart) {
        Optional<RecoveryPlan> previous = plans.current();
        Set<String> resumed = previous.map(this::finishInterrupted).orElse(Set.of());
        // the caller read them from the store just now; only what was finished above changed since
        List<Execution> live = liveAtStart.stream().filter(e -> !resumed.contains(e.id())).toList();
        if (live.isEmpty()) {
            // finishing interrupted items made the previous plan current, with their outcomes
            if (current == null) {
                current = previous.orElse(null);
            }
            return Optional.ofNullable(current);
        }
        Instant now = clock.instant();
        RecoveryPlan probed = newPlan(live, previous.orElse(null));
        // the policy's approvals go into the plan as it is first stored: one commit, nothing applied yet
        RecoveryPlan plan = probed.with(probed.inStatus(PlanItem.Status.PROPOSED).stream()
                .filter(i -> approval.approves(i.proposed()))
                .map(i -> i.decided(i.proposed(), approval.actor(), now)).toList());
        String plannerName = "planner:" + plan.policy().configName();
        List<DecisionRecord> lines = new ArrayList<>();
        lines.add(DecisionLines.plan(plan, plannerName, now));
        for (PlanItem item : plan.items()) {
            lines.add(item.status() == PlanItem.Status.PROPOSED
                    ? DecisionLines.proposed(plan.planId(), item, plannerName, now)
                    : DecisionLines.decision(plan.planId(), DecisionLines.APPROVED, item, item.decidedBy(), now));
        }
        plans.saveNew(plan, lines);
        current = plan;
        LOG.info("Recovery plan {}: {} live executions planned", plan.planId(), plan.items().size());
        listener.planChanged(plan, "planned " + plan.items().size() + " executions");
        plan.inStatus(PlanItem.Status.APPROVED).forEach(i -> listener.decided(i, i.decidedBy()));
        applyApproved(approval.actor(), true);
        logWaiting();
        return Optional.of(current);
    }

    @Override
    public RecoveryGraph graph() {
        return planner.graph();
    }

    @Override
    public PreviousRun previousRun() {
        return store.previousRun();
    }

    @Override
    public Optional<RecoveryPlan> plan() {
        return Optional.ofNullable(current);
    }

    @Override
    public synchronized RecoveryPlan approve(List<String> executionIds, String who) {
        List<PlanItem> items = new ArrayList<>();
        for (String id : executionIds) {
            PlanItem item = undecided(id);
            if (item.proposed() == RecoveryAction.WAIT) {
                throw new RecoveryDecisionException("Execution " + id + ": WAIT is proposed because the executor "
                        + "could not tell; choose an action with 'recovery override', or leave it for the next probe");
            }
            items.add(item.decided(item.proposed(), who, clock.instant()));
        }
        return decide(items, who);
    }

    @Override
    public synchronized RecoveryPlan approveAllSafe(String who) {
        return decide(requirePlan().inStatus(PlanItem.Status.PROPOSED).stream().filter(i -> i.proposed().isSafe())
                .map(i -> i.decided(i.proposed(), who, clock.instant())).toList(), who);
    }

    @Override
    public synchronized RecoveryPlan approveAll(String who) {
        // WAIT is not an action to approve: those items stay proposed and are probed again
        return decide(requirePlan().inStatus(PlanItem.Status.PROPOSED).stream()
                .filter(i -> i.proposed() != RecoveryAction.WAIT)
                .map(i -> i.decided(i.proposed(), who, clock.instant())).toList(), who);
    }

    @Override
    public synchronized RecoveryPlan override(String executionId, RecoveryAction action, String who) {
        PlanItem item = undecided(executionId);
        if (!item.allowed().contains(action)) {
            throw new RecoveryDecisionException(action + " is not allowed for " + executionId + ": the executor said '"
                    + item.trace().observed() + "'; allowed: " + item.allowed());
        }
        if (action == RecoveryAction.WAIT) {
            // deferring is not applying: the item stays proposed, so the next probe can still decide it
            PlanItem deferred = item.deferred(who, clock.instant());
            save(List.of(deferred), List.of(DecisionLines.decision(current.planId(), DecisionLines.DEFERRED, deferred,
                    who, clock.instant())));
            listener.decided(deferred, who);
            return current;
        }
        return decide(List.of(item.decided(action, who, clock.instant())), who);
    }

    @Override
    public synchronized RecoveryPlan apply(String who) {
        requirePlan();
        applyApproved(who, false);
        return current;
    }

    @Override
    public synchronized RecoveryPlan refresh(String who) {
        if (current == null) {
            return null;
        }
        List<PlanItem> waiting = current.inStatus(PlanItem.Status.PROPOSED);
        if (!waiting.isEmpty()) {
            List<PlanItem> changed = reprobe(waiting, who);
            approveByPolicy(changed);
            applyApproved(approval.actor(), true);
        }
        return current;
    }

    /** The items the last plan was applying when the node died: finished now, each exactly once. */
    private Set<String> finishInterrupted(RecoveryPlan previous) {
        List<PlanItem> interrupted = previous.inStatus(PlanItem.Status.APPLYING);
        if (interrupted.isEmpty()) {
            return Set.of();
        }
        LOG.info("Recovery plan {} was applying {} actions when the node stopped; finishing them",
                previous.planId(), interrupted.size());
        current = previous;
        applyItems(interrupted, "recovery:resume");
        Set<String> ids = new HashSet<>();
        interrupted.forEach(i -> ids.add(i.executionId()));
        return ids;
    }

    private RecoveryPlan newPlan(List<Execution> live, RecoveryPlan previous) {
        Map<String, ProbeResult> probes = prober.probe(live);
        Instant probedAt = clock.instant();
        List<PlanItem> items = new ArrayList<>(live.size());
        for (Execution execution : live) {
            RecoveryTrace trace = planner.trace(execution, probes.get(execution.id()), probedAt);
            PlanItem item = PlanItem.proposed(execution.attempts(), trace);
            Optional<PlanItem> before = previous == null ? Optional.empty() : previous.item(execution.id());
            if (before.isPresent() && before.get().status() == PlanItem.Status.APPROVED
                    && !before.get().trace().differsFrom(trace) && item.allowed().contains(before.get().chosen())) {
                item = item.decided(before.get().chosen(), before.get().decidedBy(), before.get().decidedAt());
            }
            items.add(item);
        }
        return new RecoveryPlan("p-" + UUID.randomUUID(), clock.instant(), planner.graph().policy(), approval.mode(),
                items, store.previousRun());
    }

    private void approveByPolicy(List<PlanItem> proposed) {
        List<PlanItem> approved = proposed.stream().filter(i -> approval.approves(i.proposed()))
                .map(i -> i.decided(i.proposed(), approval.actor(), clock.instant())).toList();
        if (!approved.isEmpty()) {
            decide(approved, approval.actor());
        }
    }

    private RecoveryPlan decide(List<PlanItem> decided, String who) {
        if (decided.isEmpty()) {
            return requirePlan();
        }
        Instant now = clock.instant();
        save(decided, decided.stream().map(i -> DecisionLines.decision(current.planId(), DecisionLines.APPROVED, i, who,
                now)).toList());
        decided.forEach(i -> listener.decided(i, who));
        return current;
    }

    /**
     * Applies the approved items; with {@code policyOnly} only those the approval policy approved, as at start, where
     * an operator's approval carried over from before a crash still waits for the operator's own apply.
     */
    private void applyApproved(String who, boolean policyOnly) {
        List<PlanItem> approved = approvedItems(policyOnly);
        if (approved.isEmpty()) {
            return;
        }
        Instant staleBefore = clock.instant().minus(FRESH);
        List<PlanItem> stale = approved.stream().filter(i -> i.trace().probedAt().isBefore(staleBefore)).toList();
        if (!stale.isEmpty()) {
            // a changed answer is a new proposal, which the policy may approve like any other
            approveByPolicy(reprobe(stale, who));
        }
        List<PlanItem> ready = approvedItems(policyOnly);
        if (ready.isEmpty()) {
            return;
        }
        // what is about to be done is durable first: a node killed now finishes exactly these at its next start
        List<PlanItem> applying = ready.stream().map(i -> i.withStatus(PlanItem.Status.APPLYING, null)).toList();
        // the log already has the decision and gets the outcome; this write is the progress marker only
        save(applying, List.of());
        applyItems(applying, who);
    }

    private List<PlanItem> approvedItems(boolean policyOnly) {
        return current.inStatus(PlanItem.Status.APPROVED).stream()
                .filter(i -> !policyOnly || approval.actor().equals(i.decidedBy())).toList();
    }

    private void applyItems(List<PlanItem> applying, String who) {
        List<PlanItem> done = new ArrayList<>();
        List<DecisionRecord> lines = new ArrayList<>();
        for (PlanItem item : applying) {
            PlanItem finished;
            try {
                Optional<Execution> execution = store.get(item.executionId());
                String outcome = execution.isEmpty() ? "nothing done: the execution is no longer in the store"
                        : actions.apply(execution.get(), item);
                RecoveryTestHook.afterApplying(item);
                finished = item.withStatus(PlanItem.Status.APPLIED, outcome);
            } catch (RuntimeException failed) {
                LOG.warn("Recovery action {} on {} failed: {}", item.chosen(), item.executionId(), failed.toString());
                finished = item.withStatus(PlanItem.Status.FAILED, "failed: " + failed.getMessage());
            }
            done.add(finished);
            listener.decided(finished, who);
            lines.add(DecisionLines.decision(current.planId(), finished.status() == PlanItem.Status.APPLIED
                    ? DecisionLines.APPLIED : DecisionLines.APPLY_FAILED, finished, who, clock.instant()));
            if (done.size() == OUTCOME_CHUNK) {
                save(List.copyOf(done), List.copyOf(lines));
                done.clear();
                lines.clear();
            }
        }
        if (!done.isEmpty()) {
            save(done, lines);
        }
    }

    /** Probes the items again; those whose answer changed go back to proposed. Returns the re-proposed items. */
    private List<PlanItem> reprobe(List<PlanItem> items, String who) {
        List<Execution> executions = new ArrayList<>();
        List<PlanItem> gone = new ArrayList<>();
        for (PlanItem item : items) {
            Optional<Execution> execution = store.get(item.executionId()).filter(e -> e.state().isLive());
            if (execution.isPresent()) {
                executions.add(execution.get());
            } else {
                gone.add(item);
            }
        }
        Map<String, ProbeResult> probes = executions.isEmpty() ? Map.of() : prober.probe(executions);
        Instant probedAt = clock.instant();
        List<PlanItem> changed = new ArrayList<>();
        List<PlanItem> refreshed = new ArrayList<>();
        List<DecisionRecord> lines = new ArrayList<>();
        for (Execution execution : executions) {
            PlanItem item = current.item(execution.id()).orElseThrow();
            RecoveryTrace fresh = planner.trace(execution, probes.get(execution.id()), probedAt);
            if (fresh.differsFrom(item.trace()) || execution.attempts() != item.attemptsAtPlan()) {
                PlanItem again = item.reproposed(execution.attempts(), fresh);
                changed.add(again);
                lines.add(DecisionLines.reproposed(current.planId(), again, who, probedAt));
            } else {
                refreshed.add(new PlanItem(item.executionId(), item.attemptsAtPlan(), fresh, item.chosen(),
                        item.status(), item.decidedBy(), item.decidedAt(), item.outcome()));
            }
        }
        for (PlanItem item : gone) {
            String state = store.get(item.executionId()).map(e -> e.state().name()).orElse("removed");
            PlanItem settled = item.withStatus(PlanItem.Status.APPLIED, "nothing done: the execution is already " + state);
            changed.add(settled);
            lines.add(DecisionLines.decision(current.planId(), DecisionLines.APPLIED, settled, who, probedAt));
        }
        if (!changed.isEmpty()) {
            save(changed, lines);
        }
        // an unchanged answer is not a decision: its fresher evidence is kept in memory only, not rewritten each probe
        current = current.with(refreshed);
        return changed.stream().filter(i -> i.status() == PlanItem.Status.PROPOSED).toList();
    }

    private void save(List<PlanItem> items, List<DecisionRecord> lines) {
        plans.saveItems(current.planId(), items, lines);
        current = current.with(items);
        listener.planChanged(current, items.size() + " items " + (lines.isEmpty() ? items.get(0).status()
                : lines.get(lines.size() - 1).kind()));
    }

    private void logWaiting() {
        for (PlanItem item : current.inStatus(PlanItem.Status.PROPOSED)) {
            LOG.warn("Execution {}: {} proposed ({}); waiting for the operator", item.executionId(), item.proposed(),
                    item.trace().evidenceLine());
        }
    }

    private PlanItem undecided(String executionId) {
        PlanItem item = requirePlan().item(executionId).orElseThrow(() -> new RecoveryDecisionException(
                "Execution " + executionId + " is not in the recovery plan " + current.planId()));
        if (item.status() != PlanItem.Status.PROPOSED && item.status() != PlanItem.Status.APPROVED) {
            throw new RecoveryDecisionException("Execution " + executionId + " is already " + item.status()
                    + " in plan " + current.planId() + " (" + item.outcome() + ")");
        }
        return item;
    }

    private RecoveryPlan requirePlan() {
        if (current == null) {
            throw new RecoveryDecisionException("There is no recovery plan: nothing was live when the node started");
        }
        return current;
    }
}
