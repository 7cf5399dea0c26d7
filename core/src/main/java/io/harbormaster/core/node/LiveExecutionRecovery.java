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
import io.harbormaster.core.plugin.PluginReattach;
import java.time.Instant;
import java.util.ArrayList;
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
 * batch, what it still has, then reattaches to what runs, adopts what finished and resumes the start of
 * what provably never ran. Anything else (re-run, fail, cancel) is applied only under
 * {@code approval: auto}; otherwise it is logged as proposed and the execution is left untouched. An
 * executor that cannot tell is never acted on.
 */
public final class LiveExecutionRecovery implements RecoveryHook {

    private static final Logger LOG = LoggerFactory.getLogger(LiveExecutionRecovery.class);

    /**
     * What recovery does with one execution. REATTACH and ADOPT_RESULT change nothing that runs; RESUME
     * starts work that provably never ran, like starting a PENDING execution, so running it once doubles
     * nothing.
     */
    public enum Action {
        REATTACH, ADOPT_RESULT, RESUME, RERUN, FAIL, CANCEL, WAIT;

        boolean isSafe() {
            return this == REATTACH || this == ADOPT_RESULT || this == RESUME;
        }
    }

    @Override
    public void recover(ComputeNode node, List<Execution> liveAtStart) {
        if (liveAtStart.isEmpty()) {
            return;
        }
        String planId = "p-" + UUID.randomUUID();
        // one batch per host: each plugin answers for its executions, each in-process executor for the rest
        Map<String, List<Execution>> byHost = liveAtStart.stream().collect(Collectors.groupingBy(
                e -> e.reattach() == null ? "in-process:" + e.engineType() : "plugin:" + e.reattach().socketPath(),
                LinkedHashMap::new, Collectors.toList()));
        List<Planned> plan = new ArrayList<>();
        byHost.values().forEach(executions -> {
            Map<String, Observation> observed = executions.get(0).reattach() == null
                    ? observeInProcess(node, executions, "no reattach details persisted (in-process)")
                    : observeThroughPlugin(node, executions);
            for (Execution execution : executions) {
                Execution fresh = node.store().get(execution.id()).orElse(execution);
                Observation observation = observed.getOrDefault(execution.id(),
                        new Observation.Unknown("the executor gave no answer for it"));
                Action action = decide(fresh, observation, node.config().recoveryPolicy());
                plan.add(new Planned(fresh, observation, action, isApproved(action, node.config().approval())));
            }
        });
        // the whole plan is durable before anything is done, in one commit
        String actor = "policy:" + node.config().approval();
        node.store().decisions().appendAll(plan.stream().map(p -> new DecisionRecord(0, Instant.now(), planId,
                p.execution().id(), p.approved() ? "APPLIED" : "PROPOSED", actor,
                p.action() + " - " + p.observation().evidence())).toList());
        plan.forEach(planned -> apply(node, planned));
    }

    /** One execution's line of the plan. */
    private record Planned(Execution execution, Observation observation, Action action, boolean approved) {
    }

    private static boolean isApproved(Action action, String approval) {
        return action != Action.WAIT && ("auto".equals(approval) || ("safe".equals(approval) && action.isSafe()));
    }

    /** Have reattach details: is the plugin responding? Reattach if so; otherwise a new executor is asked. */
    private static Map<String, Observation> observeThroughPlugin(ComputeNode node, List<Execution> executions) {
        PluginReattach probe = node.hosting().probe(executions.get(0).reattach());
        if (probe.responding()) {
            return observe(node, node.hosting().executorFor(executions.get(0)).orElseThrow(), executions,
                    "plugin responding: " + probe.evidence() + "; reattached");
        }
        if (probe.status() == PluginReattach.Status.NOT_RESPONDING) {
            // proven ours but silent: nothing is started or failed on a guess
            return unknownForAll(executions, "plugin not responding: " + probe.evidence());
        }
        for (Execution execution : executions) {
            node.driver().forgetPlugin(execution.id(), "plugin gone at restart: " + probe.evidence());
        }
        return observeInProcess(node, executions, "plugin not responding: " + probe.evidence() + "; new plugin");
    }

    private static Map<String, Observation> observeInProcess(ComputeNode node, List<Execution> executions, String path) {
        String engine = executions.get(0).engineType();
        return node.executors().forType(engine)
                .map(executor -> observe(node, executor, executions, path))
                .orElseGet(() -> unknownForAll(executions, path + "; no executor for engine type '" + engine
                        + "' is installed"));
    }

    private static Map<String, Observation> observe(ComputeNode node, Executor executor, List<Execution> executions,
                                                    String path) {
        List<ExecutionRef> refs = executions.stream()
                .map(e -> ExecutionRef.of(e, node.driver().filesOf(e.id()))).toList();
        Map<String, Observation> answers;
        try {
            answers = executor.recover(refs);
        } catch (HarbormasterException cannotTell) {
            return unknownForAll(executions, path + "; " + executor.type() + " executor could not answer: "
                    + cannotTell.getMessage());
        }
        Map<String, Observation> withPath = new LinkedHashMap<>();
        answers.forEach((id, observation) -> withPath.put(id, withEvidence(observation, path + "; " + observation.evidence())));
        return withPath;
    }

    private static Observation withEvidence(Observation observation, String evidence) {
        if (observation instanceof Observation.Running) {
            return new Observation.Running(evidence);
        }
        if (observation instanceof Observation.Exited exited) {
            return new Observation.Exited(exited.exitCode(), exited.finishedAt(), evidence);
        }
        if (observation instanceof Observation.Gone) {
            return new Observation.Gone(evidence);
        }
        if (observation instanceof Observation.NotStarted) {
            return new Observation.NotStarted(evidence);
        }
        return new Observation.Unknown(evidence);
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
            if (observation instanceof Observation.NotStarted) {
                return Action.RESUME;
            }
            return observation instanceof Observation.Running ? Action.REATTACH : Action.RERUN;
        }
        if (observation instanceof Observation.Running) {
            return Action.REATTACH;
        }
        if (observation instanceof Observation.Exited) {
            return Action.ADOPT_RESULT;
        }
        if (observation instanceof Observation.NotStarted) {
            return Action.RESUME;
        }
        if (observation instanceof Observation.Gone) {
            return longRunning ? Action.RERUN : Action.FAIL;
        }
        return Action.WAIT;
    }

    private static void apply(ComputeNode node, Planned planned) {
        Execution execution = planned.execution();
        Observation observation = planned.observation();
        Action action = planned.action();
        String evidence = observation.evidence();
        if (!planned.approved()) {
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
                Execution reattached = node.store().get(execution.id()).orElse(execution);
                driver.watch(reattached, node.hosting().executorFor(reattached).orElseThrow(),
                        driver.filesOf(execution.id()));
            }
            case ADOPT_RESULT -> {
                Observation.Exited exited = (Observation.Exited) observation;
                driver.recordExit(execution.id(), new ExitResult(exited.exitCode(),
                        exited.finishedAt() == null ? Instant.now() : exited.finishedAt(),
                        "finished while the node was down"));
            }
            case RESUME -> driver.rerun(execution.id(), "start resumed after restart: " + evidence);
            case RERUN -> driver.rerun(execution.id(), "re-run after restart: " + evidence);
            case FAIL -> driver.finish(execution.id(), ExecutionState.FAILED, null, "lost during node restart: " + evidence);
            case CANCEL -> driver.cancel(execution, "cancelled by recovery (seed policy): " + evidence,
                    node.config().stopGrace());
            case WAIT -> { }
        }
    }
}
