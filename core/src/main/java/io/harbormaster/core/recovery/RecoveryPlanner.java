package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one execution through the {@link RecoveryGraph} of a policy: at each node it answers the node's question
 * from what probing found and records the evidence, until it reaches an action. Pure: no probing, no writes.
 */
public final class RecoveryPlanner {

    private static final int MAX_STEPS = 16;

    private final RecoveryGraph graph;

    public RecoveryPlanner(RecoveryPolicy policy) {
        this.graph = RecoveryGraph.of(policy);
    }

    public RecoveryGraph graph() {
        return graph;
    }

    public RecoveryTrace trace(Execution execution, ProbeResult probe, Instant probedAt) {
        List<TraceStep> steps = new ArrayList<>();
        String node = RecoveryGraph.FOR_EACH;
        for (int i = 0; i < MAX_STEPS; i++) {
            if (node.startsWith("action:")) {
                RecoveryAction action = RecoveryAction.valueOf(node.substring("action:".length()));
                Observation seen = probe.observation();
                Observation.Exited exited = seen instanceof Observation.Exited e ? e : null;
                return new RecoveryTrace(execution.id(), steps, action, observed(seen),
                        exited == null ? null : exited.exitCode(), exited == null ? null : exited.finishedAt(),
                        probe.pluginStatus(), probedAt);
            }
            TraceStep step = answer(node, execution, probe);
            steps.add(step);
            String from = node;
            node = graph.next(node, step.answer()).orElseThrow(() -> new IllegalStateException(
                    "the " + graph.policy() + " graph has no edge '" + step.answer() + "' out of " + from));
        }
        throw new IllegalStateException("the " + graph.policy() + " graph loops for " + execution.id());
    }

    private static TraceStep answer(String node, Execution execution, ProbeResult probe) {
        Observation seen = probe.observation();
        boolean longRunning = execution.spec().isLongRunning();
        String type = execution.spec().type().name().toLowerCase(java.util.Locale.ROOT);
        return switch (node) {
            case RecoveryGraph.FOR_EACH -> new TraceStep(node, "", execution.state() + ", attempt "
                    + execution.attempts() + ", " + type + " job on " + execution.engineType());
            case RecoveryGraph.HAVE_REATTACH -> execution.reattach() == null
                    ? new TraceStep(node, RecoveryGraph.NO, "no reattach details persisted (in-process)")
                    : new TraceStep(node, RecoveryGraph.YES, "plugin pid " + execution.reattach().pid() + " started "
                    + execution.reattach().processStart() + " at " + execution.reattach().socketPath());
            case RecoveryGraph.PLUGIN_RESPONDING -> new TraceStep(node,
                    probe.pluginStatus() == PluginReattach.Status.RESPONDING ? RecoveryGraph.YES : RecoveryGraph.NO,
                    probe.pluginEvidence() == null ? "" : probe.pluginEvidence());
            case RecoveryGraph.REATTACH -> new TraceStep(node, "", "reattached to plugin pid "
                    + execution.reattach().pid() + "; asked what it still has");
            case RecoveryGraph.NEW_PLUGIN -> new TraceStep(node, "", newPluginEvidence(execution, probe));
            case RecoveryGraph.LONG_RUNNING -> new TraceStep(node, longRunning ? RecoveryGraph.YES : RecoveryGraph.NO,
                    "Type: " + type);
            case RecoveryGraph.RUN -> new TraceStep(node, "", "long-running work is kept running");
            case RecoveryGraph.CANCEL -> new TraceStep(node,
                    seen instanceof Observation.Unknown ? RecoveryGraph.UNKNOWN : RecoveryGraph.ANSWERED, seen.evidence());
            case RecoveryGraph.WHAT_REMAINS -> new TraceStep(node, observed(seen), seen.evidence());
            default -> throw new IllegalStateException("no question to answer at node " + node);
        };
    }

    private static String newPluginEvidence(Execution execution, ProbeResult probe) {
        String engine = execution.engineType();
        if (probe.pluginStatus() == null) {
            return "new plugin: the " + engine + " executor in the node is asked";
        }
        return switch (probe.pluginStatus()) {
            case DEAD -> "new plugin: the old one is gone; the " + engine + " executor in the node is asked";
            case PID_REUSED -> "new plugin: pid " + execution.reattach().pid() + " is another process now: left alone and "
                    + "never signalled; the " + engine + " executor in the node is asked";
            case NOT_RESPONDING -> "new plugin needed: the old one is ours but not answering, so not asked; it is stopped before "
                    + "anything new is started for this execution";
            case RESPONDING -> "plugin responding";
        };
    }

    /** The answer to "What does the executor still have?". */
    static String observed(Observation observation) {
        if (observation instanceof Observation.Running) {
            return RecoveryGraph.RUNNING;
        }
        if (observation instanceof Observation.Exited) {
            return RecoveryGraph.EXITED;
        }
        if (observation instanceof Observation.NotStarted) {
            return RecoveryGraph.NOT_STARTED;
        }
        if (observation instanceof Observation.Gone) {
            return RecoveryGraph.GONE;
        }
        return RecoveryGraph.UNKNOWN;
    }
}
