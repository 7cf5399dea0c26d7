package io.harbormaster.core.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recovery flowchart as plain data, the one place it is defined: the planner walks it and a GUI draws it.
 * The seed's chart (Bacalhau issue 2739) keeps its node names verbatim:
 *
 * <pre>
 * For each live execution -> Have reattach details? --no--> New plugin
 *                                                   --yes-> Is plugin responding? --no--> New plugin
 *                                                                                 --yes-> Reattach
 * </pre>
 *
 * then, under policy {@code extended}:
 *
 * <pre>
 * Reattach | New plugin -> What does the executor still have? --running-----> REATTACH
 *                                                             --exited------> ADOPT_RESULT
 *                                                             --not started-> RESUME
 *                                                             --gone--------> Long running? --yes-> RERUN
 *                                                                                           --no--> FAIL
 *                                                             --unknown-----> WAIT
 * </pre>
 *
 * and under policy {@code seed}, the chart literally (unknown still never acted on):
 *
 * <pre>
 * Reattach | New plugin -> Long running? --no--> Cancel --executor answered--> CANCEL
 *                                                       --unknown-----------> WAIT
 *                                        --yes-> Run -> What does the executor still have?
 *                                                 --running-> REATTACH  --not started-> RESUME
 *                                                 --exited | gone-> RERUN  --unknown-> WAIT
 * </pre>
 */
public record RecoveryGraph(RecoveryPolicy policy, List<GraphNode> nodes, List<GraphEdge> edges) {

    public static final String FOR_EACH = "for-each";
    public static final String HAVE_REATTACH = "have-reattach";
    public static final String PLUGIN_RESPONDING = "plugin-responding";
    public static final String REATTACH = "reattach";
    public static final String NEW_PLUGIN = "new-plugin";
    public static final String LONG_RUNNING = "long-running";
    public static final String RUN = "run";
    public static final String CANCEL = "cancel";
    public static final String WHAT_REMAINS = "what-remains";

    public static final String YES = "yes";
    public static final String NO = "no";
    public static final String RUNNING = "running";
    public static final String EXITED = "exited";
    public static final String NOT_STARTED = "not started";
    public static final String GONE = "gone";
    public static final String UNKNOWN = "unknown";
    public static final String ANSWERED = "executor answered";

    /** An edge as a value, for comparing paths with the graph. */
    public record Key(String from, String to, String answer) {
    }

    public RecoveryGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The node id of an action's end box. */
    public static String actionNode(RecoveryAction action) {
        return "action:" + action.name();
    }

    public static RecoveryGraph of(RecoveryPolicy policy) {
        List<GraphNode> nodes = new ArrayList<>(List.of(
                new GraphNode(FOR_EACH, "For each live execution", GraphNode.Kind.START, true),
                new GraphNode(HAVE_REATTACH, "Have reattach details?", GraphNode.Kind.QUESTION, true),
                new GraphNode(PLUGIN_RESPONDING, "Is plugin responding?", GraphNode.Kind.QUESTION, true),
                new GraphNode(REATTACH, "Reattach", GraphNode.Kind.STEP, true),
                new GraphNode(NEW_PLUGIN, "New plugin", GraphNode.Kind.STEP, true),
                new GraphNode(LONG_RUNNING, "Long running?", GraphNode.Kind.QUESTION, true)));
        if (policy == RecoveryPolicy.SEED) {
            nodes.add(new GraphNode(RUN, "Run", GraphNode.Kind.STEP, true));
            nodes.add(new GraphNode(CANCEL, "Cancel", GraphNode.Kind.STEP, true));
        }
        nodes.add(new GraphNode(WHAT_REMAINS, "What does the executor still have?", GraphNode.Kind.QUESTION, false));
        for (RecoveryAction action : RecoveryAction.values()) {
            boolean reachable = policy == RecoveryPolicy.SEED ? action != RecoveryAction.ADOPT_RESULT
                    && action != RecoveryAction.FAIL : action != RecoveryAction.CANCEL;
            if (reachable) {
                nodes.add(new GraphNode(actionNode(action), action.name(), GraphNode.Kind.ACTION, false));
            }
        }
        List<GraphEdge> edges = new ArrayList<>(List.of(
                new GraphEdge(FOR_EACH, HAVE_REATTACH, ""),
                new GraphEdge(HAVE_REATTACH, NEW_PLUGIN, NO),
                new GraphEdge(HAVE_REATTACH, PLUGIN_RESPONDING, YES),
                new GraphEdge(PLUGIN_RESPONDING, NEW_PLUGIN, NO),
                new GraphEdge(PLUGIN_RESPONDING, REATTACH, YES)));
        if (policy == RecoveryPolicy.SEED) {
            edges.addAll(List.of(
                    new GraphEdge(REATTACH, LONG_RUNNING, ""),
                    new GraphEdge(NEW_PLUGIN, LONG_RUNNING, ""),
                    new GraphEdge(LONG_RUNNING, CANCEL, NO),
                    new GraphEdge(LONG_RUNNING, RUN, YES),
                    new GraphEdge(CANCEL, actionNode(RecoveryAction.CANCEL), ANSWERED),
                    new GraphEdge(CANCEL, actionNode(RecoveryAction.WAIT), UNKNOWN),
                    new GraphEdge(RUN, WHAT_REMAINS, ""),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.REATTACH), RUNNING),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.RERUN), EXITED),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.RESUME), NOT_STARTED),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.RERUN), GONE),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.WAIT), UNKNOWN)));
        } else {
            edges.addAll(List.of(
                    new GraphEdge(REATTACH, WHAT_REMAINS, ""),
                    new GraphEdge(NEW_PLUGIN, WHAT_REMAINS, ""),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.REATTACH), RUNNING),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.ADOPT_RESULT), EXITED),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.RESUME), NOT_STARTED),
                    new GraphEdge(WHAT_REMAINS, LONG_RUNNING, GONE),
                    new GraphEdge(WHAT_REMAINS, actionNode(RecoveryAction.WAIT), UNKNOWN),
                    new GraphEdge(LONG_RUNNING, actionNode(RecoveryAction.RERUN), YES),
                    new GraphEdge(LONG_RUNNING, actionNode(RecoveryAction.FAIL), NO)));
        }
        return new RecoveryGraph(policy, nodes, edges);
    }

    public GraphNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + id + "' in the " + policy + " graph"));
    }

    /** Where the answer {@code answer} leads from {@code from}; empty if the graph has no such edge. */
    public Optional<String> next(String from, String answer) {
        return edges.stream().filter(e -> e.from().equals(from) && e.answer().equals(answer))
                .map(GraphEdge::to).findFirst();
    }

    public List<GraphEdge> edgesFrom(String from) {
        return edges.stream().filter(e -> e.from().equals(from)).toList();
    }
}
