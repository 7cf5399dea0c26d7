package io.harbormaster.systemtests.torture;

import com.github.dockerjava.api.model.Event;
import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.reset.ResetOutcome;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.TestEngine;
import io.harbormaster.executors.docker.DockerLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The invariants, checked on the last node after the last kill: it is given time to settle, every accepted
 * execution is looked at, the engine's own events are read for doubled containers, then a full reset must
 * leave no container and no plugin process of the node behind.
 */
final class TortureVerdict {

    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final Duration PROCESSES_END = Duration.ofSeconds(60);

    private final TestEngine engine;
    private final String nodeId;
    private final NodeProcess node;
    private final List<Submitted> submitted;
    private final List<Instant[]> downIntervals;
    private final Consumer<String> violations;
    private final NodeContainerEvents events;
    private int adoptedWhileDown;
    private int neverCreated;

    TortureVerdict(TestEngine engine, String nodeId, NodeProcess node, List<Submitted> submitted,
                   List<Instant[]> downIntervals, NodeContainerEvents events, Consumer<String> violations) {
        this.engine = engine;
        this.nodeId = nodeId;
        this.node = node;
        this.submitted = submitted;
        this.downIntervals = downIntervals;
        this.events = events;
        this.violations = violations;
    }

    /** @return how many items the final full reset removed or stopped */
    int settleCheckAndReset() throws InterruptedException {
        Map<String, Execution> settled = settle();
        events.awaitQuiet(2_000);
        checkEachExecution(settled);
        checkNoDoubledContainers();
        int removed = fullReset();
        checkNothingLeft();
        return removed;
    }

    int adoptedWhileDown() {
        return adoptedWhileDown;
    }

    /** Docker batches killed before the engine created their container: recorded FAILED, never run. */
    int neverCreated() {
        return neverCreated;
    }

    /** Waits until every batch has ended and nothing is PENDING or STARTING; services should be RUNNING. */
    private Map<String, Execution> settle() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, Execution> all = snapshot();
        while (System.nanoTime() < deadline && !isSettled(all)) {
            Thread.sleep(500);
            all = snapshot();
        }
        return all;
    }

    private boolean isSettled(Map<String, Execution> all) {
        return all.values().stream().allMatch(e -> e.state().isTerminal()
                || (e.state() == ExecutionState.RUNNING && e.spec().isLongRunning()));
    }

    private Map<String, Execution> snapshot() {
        List<Execution> listed = node.api().list(Set.of(), 100_000);
        Map<String, Execution> byId = new HashMap<>();
        for (Execution execution : listed) {
            if (byId.put(execution.id(), execution) != null) {
                violations.accept("execution " + execution.id() + " is listed twice: it must be in exactly one state");
            }
        }
        return byId;
    }

    private void checkEachExecution(Map<String, Execution> all) {
        for (Submitted job : submitted) {
            Execution execution = all.get(job.id());
            if (execution == null) {
                violations.accept("accepted execution " + job.id() + " (" + job.shape() + ") is not in the store");
                continue;
            }
            String seen = job.shape() + " " + job.id() + " is " + execution.state() + " (exit " + execution.exitCode()
                    + ", " + execution.reason() + ")";
            if (job.service()) {
                if (execution.state() != ExecutionState.RUNNING) {
                    violations.accept("service lost: " + seen);
                }
            } else if (!execution.state().isTerminal()) {
                violations.accept("batch never ended: " + seen);
            } else if (job.dockerBatch() && neverCreated(job.id())) {
                // killed after STARTING was stored but before the engine created anything: it never ran
                if (execution.state() != ExecutionState.FAILED || execution.exitCode() != null
                        || !execution.reason().contains("lost during node restart")) {
                    violations.accept("docker batch that never got a container is not recorded lost: " + seen);
                }
                neverCreated++;
            } else if (job.dockerBatch()) {
                // a container outlives the node: its real exit code must always be recorded
                if (!job.expectedExit().equals(execution.exitCode())) {
                    violations.accept("docker batch without its real exit code " + job.expectedExit() + ": " + seen);
                }
                if (exitedWhileDown(job.id())) {
                    adoptedWhileDown++;
                }
            } else if (!job.expectedExit().equals(execution.exitCode())
                    && !(execution.state() == ExecutionState.FAILED && execution.exitCode() == null
                    && execution.reason().contains("lost during node restart"))) {
                // an in-process module dies with the node: recorded FAILED as lost, or ended with its own code
                violations.accept("wasm batch neither ended with its code " + job.expectedExit() + " nor recorded lost: "
                        + seen);
            }
        }
        for (Execution execution : all.values()) {
            if (!execution.state().isTerminal() && !execution.spec().isLongRunning()) {
                violations.accept("execution " + execution.id() + " still " + execution.state() + ": "
                        + execution.reason());
            }
        }
    }

    /** The engine never created a container for it (its own events say so). */
    private boolean neverCreated(String executionId) {
        return events.of("create", executionId).isEmpty();
    }

    /** The batch's container died (per the engine) while no node was up. */
    private boolean exitedWhileDown(String executionId) {
        List<Event> died = events.of("die", executionId);
        for (Event event : died) {
            Instant at = Instant.ofEpochSecond(0, event.getTimeNano());
            for (int i = 0; i < downIntervals.size(); i++) {
                Instant from = downIntervals.get(i)[0];
                Instant to = downIntervals.get(i)[1] != null ? downIntervals.get(i)[1]
                        : i + 1 < downIntervals.size() ? downIntervals.get(i + 1)[0] : Instant.now();
                if (!at.isBefore(from) && at.isBefore(to)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** From the engine's create and destroy events: at no instant may one execution have two containers. */
    private void checkNoDoubledContainers() {
        for (Submitted job : submitted) {
            if (!"docker".equals(job.engine())) {
                continue;
            }
            List<long[]> timeline = new ArrayList<>();
            events.of("create", job.id()).forEach(e -> timeline.add(new long[] {e.getTimeNano(), 1}));
            events.of("destroy", job.id()).forEach(e -> timeline.add(new long[] {e.getTimeNano(), -1}));
            timeline.sort(Comparator.<long[]>comparingLong(point -> point[0]).thenComparingLong(point -> point[1]));
            int existing = 0;
            for (long[] point : timeline) {
                existing += (int) point[1];
                if (existing > 1) {
                    violations.accept("execution " + job.id() + " had " + existing + " containers at once (engine events)");
                    break;
                }
            }
        }
    }

    private int fullReset() {
        ApiClient api = node.api();
        ResetPlan plan = api.planReset(true);
        ResetReport report = api.applyReset(plan.id());
        for (ResetOutcome outcome : report.outcomes()) {
            if (outcome.result() == ResetOutcome.Result.FAILED || outcome.result() == ResetOutcome.Result.REFUSED) {
                violations.accept("final full reset: " + outcome.describe());
            }
        }
        return (int) (report.count(ResetOutcome.Result.REMOVED) + report.count(ResetOutcome.Result.STOPPED));
    }

    private void checkNothingLeft() throws InterruptedException {
        List<Execution> live = node.api().list(Set.of(ExecutionState.PENDING, ExecutionState.STARTING,
                ExecutionState.RUNNING), 100_000);
        if (!live.isEmpty()) {
            violations.accept("after the full reset " + live.size() + " executions are still live: "
                    + live.stream().map(Execution::id).toList());
        }
        var containers = engine.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec();
        if (!containers.isEmpty()) {
            violations.accept("after the full reset " + containers.size() + " containers of the node remain: "
                    + containers.stream().map(c -> c.getNames()[0] + " " + c.getState()).toList());
        }
        long deadline = System.nanoTime() + PROCESSES_END.toNanos();
        List<ProcessHandle> plugins = pluginsOfNode();
        while (!plugins.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            plugins = pluginsOfNode();
        }
        if (!plugins.isEmpty()) {
            violations.accept("after the full reset " + plugins.size() + " plugin processes of the node remain: "
                    + plugins.stream().map(ProcessHandle::pid).toList());
        }
    }

    private List<ProcessHandle> pluginsOfNode() {
        return new LivenessSampler(engine, nodeId, v -> { }).pluginProcesses();
    }
}
