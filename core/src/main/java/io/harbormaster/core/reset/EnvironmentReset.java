package io.harbormaster.core.reset;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns the machine to a clean state without touching anything that is not ours. Two steps, so the
 * operator sees before anything is done: {@link #plan} lists and persists, {@link #apply} removes exactly
 * what a persisted plan showed, re-checking each item first. The plan, every decision and every outcome
 * go to the decision log.
 *
 * <p>It runs inside the node that holds the store: only that node may write the store (to record a
 * stopped execution CANCELLED), and it holds the executors that can prove a container ours.
 */
public final class EnvironmentReset {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentReset.class);
    static final String PLAN = "RESET_PLAN";
    static final String OUTCOME = "RESET_OUTCOME";

    private final ResetInventory inventory;
    private final ResetApplier applier;
    private final ResetPlanFiles plans;
    private final ExecutionStore store;

    /**
     * @param executors the node's in-process executors: they list and remove what they created
     * @param stopper   the node's own cancel, so a stopped execution is recorded like any cancel
     */
    public EnvironmentReset(String nodeId, DataDirectory dataDir, ExecutionStore store, List<Executor> executors,
                            Stopper stopper, Duration grace, Clock clock) {
        Map<String, Executor> byType = new LinkedHashMap<>();
        executors.forEach(executor -> byType.put(executor.type(), executor));
        this.inventory = new ResetInventory(nodeId, dataDir, store, executors, clock);
        this.applier = new ResetApplier(store, byType, stopper::stop, grace);
        this.plans = new ResetPlanFiles(dataDir.resetPlansDir());
        this.store = store;
    }

    /** Stops a live execution and records it CANCELLED with the reason given. */
    @FunctionalInterface
    public interface Stopper {
        Execution stop(Execution execution, String reason);
    }

    /** Lists everything the node owns, persists the plan, and records it in the decision log. Changes nothing else. */
    public ResetPlan plan(ResetMode mode, String actor) {
        ResetPlan plan = inventory.plan(mode);
        plans.save(plan);
        store.decisions().appendAll(plan.items().stream().map(item -> new DecisionRecord(0, plan.createdAt(), plan.id(),
                item.executionId(), PLAN, actor, mode + " " + item.describe())).toList());
        LOG.info("Reset plan {} ({}): {} items, {} to act on", plan.id(), mode, plan.items().size(),
                plan.actionable().size());
        return plan;
    }

    /** A persisted plan, as it was shown. */
    public ResetPlan load(String planId) {
        return plans.load(planId);
    }

    /**
     * Applies a persisted plan; each outcome is logged durably and then passed to {@code progress} as it happens.
     *
     * @throws UnknownResetPlanException if no plan has that id
     */
    public ResetReport apply(String planId, String actor, Consumer<ResetOutcome> progress) {
        ResetPlan plan = plans.load(planId);
        LOG.info("Applying reset plan {} ({}, {} items)", plan.id(), plan.mode(), plan.items().size());
        List<ResetOutcome> outcomes = applier.apply(plan, outcome -> {
            store.decisions().append(new DecisionRecord(0, Instant.now(), plan.id(), outcome.executionId(),
                    OUTCOME, actor, outcome.describe()));
            LOG.info("Reset {}: {}", plan.id(), outcome.describe());
            progress.accept(outcome);
        });
        return new ResetReport(plan.id(), Instant.now(), outcomes);
    }
}
