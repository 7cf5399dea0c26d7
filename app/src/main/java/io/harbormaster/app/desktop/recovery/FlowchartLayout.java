package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.GraphNode;
import io.harbormaster.core.recovery.RecoveryGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each box of the core's recovery graph goes: rows by the longest path from the start, so every arrow
 * points down and the chart reads top to bottom as the seed's does. Plain numbers, so it is tested without a
 * window and the diagram only draws what it is given.
 */
public final class FlowchartLayout {

    /** A box's centre. */
    public record Point(double x, double y) {
    }

    private final Map<String, Point> centres;
    private final double width;
    private final double height;

    private FlowchartLayout(Map<String, Point> centres, double width, double height) {
        this.centres = centres;
        this.width = width;
        this.height = height;
    }

    /**
     * @param columnWidth horizontal room for one box
     * @param rowHeight   vertical room for one row of boxes
     */
    public static FlowchartLayout of(RecoveryGraph graph, double columnWidth, double rowHeight) {
        Map<String, Integer> row = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            row.put(node.id(), 0);
        }
        // the graph is acyclic; relaxing once per node settles every longest path
        for (int pass = 0; pass < graph.nodes().size(); pass++) {
            for (GraphEdge edge : graph.edges()) {
                int below = row.get(edge.from()) + 1;
                if (row.get(edge.to()) < below) {
                    row.put(edge.to(), below);
                }
            }
        }
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        for (GraphNode node : graph.nodes()) {
            rows.computeIfAbsent(row.get(node.id()), r -> new ArrayList<>()).add(node.id());
        }
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        double width = widest * columnWidth;
        Map<String, Point> centres = new HashMap<>();
        rows.forEach((r, ids) -> {
            double left = (width - ids.size() * columnWidth) / 2;
            for (int i = 0; i < ids.size(); i++) {
                centres.put(ids.get(i), new Point(left + (i + 0.5) * columnWidth, (r + 0.5) * rowHeight));
            }
        });
        int rowCount = rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        return new FlowchartLayout(centres, width, rowCount * rowHeight);
    }

    public Point centre(String nodeId) {
        Point point = centres.get(nodeId);
        if (point == null) {
            throw new IllegalArgumentException("no box '" + nodeId + "' in this layout");
        }
        return point;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }
}
