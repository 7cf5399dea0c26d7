package io.harbormaster.core.recovery;

import io.harbormaster.core.plugin.PluginReattach;
import java.time.Instant;
import java.util.List;

/**
 * One execution's path through the flowchart: every node visited with its answer and evidence, and the
 * action the path ends in.
 *
 * @param observed     what the executor said it still has ({@code running}, {@code exited}, … {@code unknown})
 * @param exitCode     the exit code it reported, for an exited execution
 * @param finishedAt   when it exited, if the executor knew
 * @param pluginStatus how its plugin answered; null when it had none
 */
public record RecoveryTrace(String executionId, List<TraceStep> steps, RecoveryAction proposed, String observed,
                            Integer exitCode, Instant finishedAt, PluginReattach.Status pluginStatus,
                            Instant probedAt) {

    public RecoveryTrace {
        steps = List.copyOf(steps);
    }

    /** The answers along the path: two traces with the same answers took the same way, whatever the evidence. */
    public List<String> answers() {
        return steps.stream().map(TraceStep::answer).toList();
    }

    /** True when {@code other} took another way through the graph or ends in another action. */
    public boolean differsFrom(RecoveryTrace other) {
        return proposed != other.proposed || !answers().equals(other.answers())
                || !java.util.Objects.equals(exitCode, other.exitCode);
    }

    /** The path in one line: "Have reattach details? (no) -> New plugin -> … -> RERUN". */
    public String pathLine(RecoveryGraph graph) {
        StringBuilder line = new StringBuilder();
        for (TraceStep step : steps) {
            if (line.length() > 0) {
                line.append(" -> ");
            }
            line.append(graph.node(step.node()).label());
            if (!step.answer().isEmpty()) {
                line.append(" (").append(step.answer()).append(')');
            }
        }
        return line.append(" -> ").append(proposed).toString();
    }

    /** Every step's evidence joined, for one line of the decision log. */
    public String evidenceLine() {
        return String.join("; ", steps.stream().map(TraceStep::evidence).filter(e -> !e.isEmpty()).toList());
    }
}
