package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.Transition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does at start with the executions the store says were live: asks each executor, in one
 * batch, what it still has, then reattaches to what runs and adopts what finished. Anything else
 * (re-run, fail, cancel) is applied only under {@code approval: auto}; otherwise it is logged as
 * proposed and the execution is left untouched. An executor that cannot tell is never acted on.
 */
public final class LiveExecutionRecovery implements RecoveryHook {

    private static final Logger LOG = LoggerFactory.getLogger(LiveExecutionRecovery.class);

    /** What recovery does with one execution. REATTACH and ADOPT_RESULT change nothing that runs. */
    public enum Action {
        REATTACH, ADOPT_RESULT, RERUN, FAIL, CANCEL, WAIT;

        boolean isSafe() {
            return this == REATTACH || this == ADOPT_RESULT;
        }
    }

    @Override
    public void recover(ComputeNode node, List<Execution> liveAtStart) {
        if (liveAtStart.isEmpty()) {
            return;
        }
        String planId = "p-" + UUID.randomUUID();
        Map<String, List<Execution>> byEngine = liveAtStart.stream()
                .collect(Collectors.groupingBy(Execution::engineType, LinkedHashMap::new, Collectors.toList()));
        byEngine.forEach((engine, executions) -> {
            Optional<Executor> executor = node.executors().forType(engine);
            Map<String, Observation> observed = executor.map(e -> observe(node, e, executions))
                    .orElseGet(() -> unknownForAll(executions, "no executor for engine type '" + engine + "' is installed"));
            for (Execution execution : executions) {
                Observation observation = observed.getOrDefault(execution.id(),
                        new Observation.Unknown("the executor gave no answer for it"));
                Action action = decide(execution, observation, node.config().recoveryPolicy());
                apply(node, planId, execution, observation, action, executor.orElse(null));
            }
        });
    }

    private static Map<String, Observation> observe(ComputeNode node, Executor executor, List<Execution> executions) {
        List<ExecutionRef> refs = executions.stream()
                .map(e -> ExecutionRef.of(e, node.driver().filesOf(e.id()))).toList();
        try {
            return executor.recover(refs);
        } catch (HarbormasterException cannotTell) {
            return unknownForAll(executions, executor.type() + " executor could not answer: " + cannotTell.getMessage());
        }
    }

    private static Map<String, Observation> unknownForAll(List<Execution> executions, String evidence) {
        Map<String, Observation> unknown = new LinkedHashMap<>();
        executions.forEach(e -> unknown.put(e.id(), new Observation.Unknown(evidence)));
        return unknown;
    }

    static Action decide(Execution execution, Observation observation, String policy) {
        boolean longRunning = execution.spec().isLongRunning();
        if ("seed".equals(policy)) {
            // the problem statement's chart, literally: batch work is cancelled, long-running work kept running
            if (observation instanceof Observation.Unknown) {
                return Action.WAIT;
            }
            if (!longRunning) {
                return Action.CANCEL;
            }
            return observation instanceof Observation.Running ? Action.REATTACH : Action.RERUN;
        }
        if (observation instanceof Observation.Running) {
            return Action.REATTACH;
        }
        if (observation instanceof Observation.Exited) {
            return Action.ADOPT_RESULT;
        }
        if (observation instanceof Observation.Gone) {
            return longRunning ? Action.RERUN : Action.FAIL;
        }
        return Action.WAIT;
    }

    private static void apply(ComputeNode node, String planId, Execution execution, Observation observation,
                              Action action, Executor executor) {
        String approval = node.config().approval();
        boolean approved = action != Action.WAIT
                && ("auto".equals(approval) || ("safe".equals(approval) && action.isSafe()));
        String evidence = observation.evidence();
        record(node, planId, execution.id(), approved ? "APPLIED" : "PROPOSED", "policy:" + approval,
                action + " - " + evidence);
        if (!approved) {
            LOG.warn("Execution {}: {} proposed ({}); waiting for the operator", execution.id(), action, evidence);
            return;
        }
        LOG.info("Execution {}: {} ({})", execution.id(), action, evidence);
        ExecutionDriver driver = node.driver();
        switch (action) {
            case REATTACH -> {
                driver.advance(execution.id(), current -> current.state() == ExecutionState.STARTING
                        ? Optional.of(Transition.to(ExecutionState.RUNNING, "reattached after restart: " + evidence))
                        : Optional.empty());
                driver.watch(node.store().get(execution.id()).orElse(execution), executor,
                        driver.filesOf(execution.id()));
            }
            case ADOPT_RESULT -> {
                Observation.Exited exited = (Observation.Exited) observation;
                driver.recordExit(execution.id(), new ExitResult(exited.exitCode(),
                        exited.finishedAt() == null ? Instant.now() : exited.finishedAt(),
                        "finished while the node was down"));
            }
            case RERUN -> driver.rerun(execution.id(), "re-run after restart: " + evidence);
            case FAIL -> driver.finish(execution.id(), ExecutionState.FAILED, null, "lost during node restart: " + evidence);
            case CANCEL -> driver.cancel(execution, "cancelled by recovery (seed policy): " + evidence,
                    node.config().stopGrace());
            case WAIT -> { }
        }
    }

    private static void record(ComputeNode node, String planId, String executionId, String kind, String actor,
                               String detail) {
        node.store().decisions().append(new DecisionRecord(0, Instant.now(), planId, executionId, kind, actor, detail));
    }
}
