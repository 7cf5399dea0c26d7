package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.GraphNode;
import io.harbormaster.core.recovery.RecoveryGraph;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.text.TextAlignment;

/**
 * The core's recovery graph drawn as it is: questions as diamonds, actions as circles, steps as boxes, as in the
 * seed's flowchart. The selected execution's boxes and arrows are lit and each step's evidence is written beside
 * its box. Redrawn whole on every selection: the chart has a dozen boxes, so this costs nothing.
 */
final class FlowchartDiagram {

    private static final double COLUMN = 170;
    private static final double ROW = 100;
    private static final double HALF = FlowchartLayout.HALF;

    private final Pane canvas = new Pane();

    FlowchartDiagram() {
        canvas.setId("recovery-flowchart");
        canvas.getStyleClass().add("flowchart");
    }

    Pane root() {
        return canvas;
    }

    /** Draws {@code graph}; {@code litNodes}, {@code litEdges} and {@code evidence} describe the selected path. */
    void draw(RecoveryGraph graph, Set<String> litNodes, Set<GraphEdge> litEdges, Map<String, String> evidence) {
        canvas.getChildren().clear();
        if (graph == null) {
            return;
        }
        FlowchartLayout layout = FlowchartLayout.of(graph, COLUMN, ROW);
        canvas.setMinSize(layout.canvasWidth(), layout.height());
        canvas.setPrefSize(layout.canvasWidth(), layout.height());
        for (GraphEdge edge : graph.edges()) {
            canvas.getChildren().add(arrow(layout, edge, litEdges.contains(edge)));
        }
        for (GraphNode node : graph.nodes()) {
            canvas.getChildren().add(box(layout, node, litNodes.contains(node.id())));
        }
        layout.notes(evidence).forEach((nodeId, place) -> canvas.getChildren().add(evidenceNote(place,
                evidence.get(nodeId))));
    }

    private static Node arrow(FlowchartLayout layout, GraphEdge edge, boolean lit) {
        FlowchartLayout.Point from = layout.centre(edge.from());
        FlowchartLayout.Point to = layout.centre(edge.to());
        Line line = new Line(from.x(), layout.shape(edge.from()).y() + layout.shape(edge.from()).height(), to.x(),
                layout.shape(edge.to()).y());
        line.getStyleClass().addAll("flow-edge", lit ? "lit" : "unlit");
        double angle = Math.atan2(line.getEndY() - line.getStartY(), line.getEndX() - line.getStartX());
        Polygon head = new Polygon(0, 0, -9, -4.5, -9, 4.5);
        head.setLayoutX(line.getEndX());
        head.setLayoutY(line.getEndY());
        head.setRotate(Math.toDegrees(angle));
        head.getStyleClass().addAll("flow-arrowhead", lit ? "lit" : "unlit");
        Group arrow = new Group(line, head);
        if (!edge.answer().isEmpty()) {
            Label answer = new Label(edge.answer());
            answer.getStyleClass().addAll("flow-answer", lit ? "lit" : "unlit");
            answer.setLayoutX((line.getStartX() + line.getEndX()) / 2 + 4);
            answer.setLayoutY((line.getStartY() + line.getEndY()) / 2 - 10);
            arrow.getChildren().add(answer);
        }
        return arrow;
    }

    private static Node box(FlowchartLayout layout, GraphNode node, boolean lit) {
        FlowchartLayout.Point centre = layout.centre(node.id());
        Shape shape = switch (node.kind()) {
            case QUESTION -> new Polygon(0, -HALF, FlowchartLayout.QUESTION_HALF_WIDTH, 0, 0, HALF,
                    -FlowchartLayout.QUESTION_HALF_WIDTH, 0);
            case ACTION -> new Circle(FlowchartLayout.ACTION_RADIUS);
            default -> {
                Rectangle box = new Rectangle(-FlowchartLayout.STEP_WIDTH / 2, -FlowchartLayout.STEP_HEIGHT / 2,
                        FlowchartLayout.STEP_WIDTH, FlowchartLayout.STEP_HEIGHT);
                box.setArcWidth(14);
                box.setArcHeight(14);
                yield box;
            }
        };
        shape.getStyleClass().addAll("flow-node", "flow-" + node.kind().name().toLowerCase(java.util.Locale.ROOT),
                node.seed() ? "seed" : "extension", lit ? "lit" : "unlit");
        boolean action = node.kind() == GraphNode.Kind.ACTION;
        // ADOPT_RESULT breaks at its word, not inside one, and in a smaller type than the questions
        Label label = new Label(action ? node.label().replace('_', ' ') : node.label());
        label.setWrapText(true);
        label.setTextAlignment(TextAlignment.CENTER);
        label.setAlignment(Pos.CENTER);
        if (action) {
            label.getStyleClass().add("flow-action-label");
        }
        label.setMaxWidth(action ? 2 * FlowchartLayout.ACTION_RADIUS - 8 : 118);
        label.getStyleClass().addAll("flow-label", lit ? "lit" : "unlit");
        label.setMinSize(label.getMaxWidth(), 2 * HALF - 8);
        label.setPrefSize(label.getMaxWidth(), 2 * HALF - 8);
        label.setLayoutX(-label.getMaxWidth() / 2);
        label.setLayoutY(-HALF + 4);
        Group group = new Group(shape, label);
        group.setId("flow-" + node.id().replace(':', '-'));
        group.setLayoutX(centre.x());
        group.setLayoutY(centre.y());
        return group;
    }

    /** A note exactly where the layout placed it, no larger: what does not fit ends in "…" and the tooltip has it all. */
    private static Node evidenceNote(FlowchartLayout.Rect place, String why) {
        Label note = new Label(why);
        note.setWrapText(true);
        note.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        note.setMinSize(place.width(), place.height());
        note.setPrefSize(place.width(), place.height());
        note.setMaxSize(place.width(), place.height());
        note.setAlignment(Pos.TOP_LEFT);
        note.getStyleClass().add("flow-evidence");
        note.setLayoutX(place.x());
        note.setLayoutY(place.y());
        note.setTooltip(new javafx.scene.control.Tooltip(why));
        return note;
    }
}
