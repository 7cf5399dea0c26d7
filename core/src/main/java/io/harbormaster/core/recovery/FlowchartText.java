package io.harbormaster.core.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flowchart as text, every edge with the executions that took it, then each execution's path in one line, so a
 * reader can check the plan against the seed's chart by eye:
 *
 * <pre>
 * Have reattach details?
 *   --no--> New plugin                               e-1a2b, e-3c4d
 *   --yes-> Is plugin responding?                    e-5e6f
 * </pre>
 */
public final class FlowchartText {

    private static final int SHOWN_PER_EDGE = 6;

    private FlowchartText() {
    }

    public static String render(RecoveryGraph graph, RecoveryPlan plan) {
        Map<RecoveryGraph.Key, List<String>> taken = new LinkedHashMap<>();
        for (PlanItem item : plan.items()) {
            List<TraceStep> steps = item.trace().steps();
            for (int i = 0; i < steps.size(); i++) {
                String to = i + 1 < steps.size() ? steps.get(i + 1).node()
                        : RecoveryGraph.actionNode(item.trace().proposed());
                taken.computeIfAbsent(new RecoveryGraph.Key(steps.get(i).node(), to, steps.get(i).answer()),
                        k -> new ArrayList<>()).add(item.executionId());
            }
        }
        StringBuilder text = new StringBuilder();
        text.append("Recovery plan ").append(plan.planId()).append(" (policy ").append(plan.policy().configName())
                .append(", approval ").append(plan.approval()).append(", ").append(plan.items().size())
                .append(" executions)\n\n");
        for (GraphNode node : graph.nodes()) {
            List<GraphEdge> out = graph.edgesFrom(node.id());
            if (out.isEmpty()) {
                continue;
            }
            text.append(node.label()).append(node.seed() ? "" : "   [extension]").append('\n');
            for (GraphEdge edge : out) {
                String arrow = edge.answer().isEmpty() ? "  -----> " : "  --" + edge.answer() + "--> ";
                String line = arrow + graph.node(edge.to()).label();
                List<String> ids = taken.getOrDefault(new RecoveryGraph.Key(edge.from(), edge.to(), edge.answer()),
                        List.of());
                text.append(line);
                if (!ids.isEmpty()) {
                    text.append(" ".repeat(Math.max(2, 56 - line.length()))).append(shortList(ids));
                }
                text.append('\n');
            }
        }
        text.append("\nPaths:\n");
        for (PlanItem item : plan.items()) {
            text.append("  ").append(item.executionId()).append(" [").append(item.status());
            if (item.chosen() != item.proposed()) {
                text.append(", chosen ").append(item.chosen());
            }
            text.append("]: ").append(item.trace().pathLine(graph)).append('\n');
            for (TraceStep step : item.trace().steps()) {
                if (!step.evidence().isEmpty()) {
                    text.append("      ").append(graph.node(step.node()).label()).append(": ").append(step.evidence())
                            .append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String shortList(List<String> ids) {
        if (ids.size() <= SHOWN_PER_EDGE) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, SHOWN_PER_EDGE)) + " and " + (ids.size() - SHOWN_PER_EDGE) + " more";
    }
}
