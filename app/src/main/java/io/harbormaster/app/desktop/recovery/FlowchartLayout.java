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
 * Where each box of the core's recovery graph goes, and where each evidence note beside it goes: rows by the longest
 * path from the start, so every arrow points down and the chart reads top to bottom as the seed's does; a note
 * beside its box where it hides no other box or note. Plain numbers, so it is tested without a window and the
 * diagram only draws what it is given.
 */
public final class FlowchartLayout {

    /** Half the height of every shape; a circle's radius is a little more, so two-word actions fit. */
    static final double HALF = 34;
    static final double QUESTION_HALF_WIDTH = 70;
    static final double ACTION_RADIUS = 38;
    static final double STEP_WIDTH = 130;
    static final double STEP_HEIGHT = 44;
    static final double NOTE_WIDTH = 150;
    /** Room to the right of the widest row, for the notes of its rightmost boxes. */
    static final double NOTE_ROOM = NOTE_WIDTH + 12;
    private static final double NOTE_GAP = 6;
    /** A note's text size (0.8 em): what one character and one line take, rounded up so the estimate is generous. */
    private static final double CHAR_WIDTH = 6.2;
    private static final double LINE_HEIGHT = 14;
    private static final double NOTE_PADDING = 6;

    /** A box's centre. */
    public record Point(double x, double y) {
    }

    /** A rectangle: a shape's bounds or a note's. */
    public record Rect(double x, double y, double width, double height) {

        public boolean overlaps(Rect other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height
                    && other.y < y + height;
        }
    }

    private final Map<String, Point> centres;
    private final Map<String, GraphNode.Kind> kinds;
    private final double width;
    private final double height;

    private FlowchartLayout(Map<String, Point> centres, Map<String, GraphNode.Kind> kinds, double width,
                            double height) {
        this.centres = centres;
        this.kinds = kinds;
        this.width = width;
        this.height = height;
    }

    /**
     * @param columnWidth horizontal room for one box
     * @param rowHeight   vertical room for one row of boxes
     */
    public static FlowchartLayout of(RecoveryGraph graph, double columnWidth, double rowHeight) {
        Map<String, Integer> row = new HashMap<>();
        Map<String, GraphNode.Kind> kinds = new HashMap<>();
        for (GraphNode node : graph.nodes()) {
            row.put(node.id(), 0);
            kinds.put(node.id(), node.kind());
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
        return new FlowchartLayout(centres, kinds, width, rowCount * rowHeight);
    }

    public Point centre(String nodeId) {
        Point point = centres.get(nodeId);
        if (point == null) {
            throw new IllegalArgumentException("no box '" + nodeId + "' in this layout");
        }
        return point;
    }

    /** The bounds of the shape drawn for a box: a diamond's, a circle's or a rounded rectangle's. */
    public Rect shape(String nodeId) {
        Point c = centre(nodeId);
        return switch (kinds.get(nodeId)) {
            case QUESTION -> new Rect(c.x() - QUESTION_HALF_WIDTH, c.y() - HALF, 2 * QUESTION_HALF_WIDTH, 2 * HALF);
            case ACTION -> new Rect(c.x() - ACTION_RADIUS, c.y() - ACTION_RADIUS, 2 * ACTION_RADIUS, 2 * ACTION_RADIUS);
            default -> new Rect(c.x() - STEP_WIDTH / 2, c.y() - STEP_HEIGHT / 2, STEP_WIDTH, STEP_HEIGHT);
        };
    }

    /**
     * Where each evidence note goes: beside its box on the right, else on the left, else below, else above; the
     * first place that stays on the canvas and hides no box and no note placed before it. A note that fits nowhere
     * goes on the right, where the test of this class would see it.
     */
    public Map<String, Rect> notes(Map<String, String> evidence) {
        Map<String, Rect> placed = new LinkedHashMap<>();
        evidence.forEach((nodeId, text) -> {
            Rect box = shape(nodeId);
            double noteHeight = noteHeight(text);
            double midY = centre(nodeId).y() - noteHeight / 2;
            List<Rect> candidates = List.of(
                    new Rect(box.x() + box.width() + NOTE_GAP, midY, NOTE_WIDTH, noteHeight),
                    new Rect(box.x() - NOTE_GAP - NOTE_WIDTH, midY, NOTE_WIDTH, noteHeight),
                    new Rect(centre(nodeId).x() - NOTE_WIDTH / 2, box.y() + box.height() + NOTE_GAP, NOTE_WIDTH,
                            noteHeight),
                    new Rect(centre(nodeId).x() - NOTE_WIDTH / 2, box.y() - NOTE_GAP - noteHeight, NOTE_WIDTH,
                            noteHeight));
            Rect chosen = candidates.stream().filter(note -> fits(note, placed.values())).findFirst()
                    .orElse(candidates.get(0));
            placed.put(nodeId, chosen);
        });
        return placed;
    }

    /**
     * The height of a note of {@code text}: its words wrapped as the label wraps them at {@link #NOTE_WIDTH}, at most
     * four lines (the rest is cut with "…").
     */
    static double noteHeight(String text) {
        int perLine = (int) ((NOTE_WIDTH - NOTE_PADDING) / CHAR_WIDTH);
        int lines = 1;
        int used = 0;
        for (String word : text.split(" ")) {
            int needed = used == 0 ? word.length() : used + 1 + word.length();
            if (needed <= perLine || used == 0) {
                used = needed;
            } else {
                lines++;
                used = word.length();
            }
            // a word longer than a line takes the lines it needs
            while (used > perLine) {
                lines++;
                used -= perLine;
            }
        }
        return Math.min(4, lines) * LINE_HEIGHT + NOTE_PADDING;
    }

    private boolean fits(Rect note, Iterable<Rect> otherNotes) {
        if (note.x() < 0 || note.y() < 0 || note.x() + note.width() > canvasWidth()
                || note.y() + note.height() > height) {
            return false;
        }
        for (String id : centres.keySet()) {
            if (note.overlaps(shape(id))) {
                return false;
            }
        }
        for (Rect other : otherNotes) {
            if (note.overlaps(other)) {
                return false;
            }
        }
        return true;
    }

    /** The boxes' width: the widest row. */
    public double width() {
        return width;
    }

    /** What the diagram takes: the boxes and the room for notes beside the rightmost ones. */
    public double canvasWidth() {
        return width + NOTE_ROOM;
    }

    public double height() {
        return height;
    }
}
