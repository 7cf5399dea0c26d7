package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.GraphNode;
import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.RecoveryPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The flowchart's boxes are placed from the core's graph so it reads top to bottom without overlaps. */
class FlowchartLayoutTest {

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void everyArrowPointsDownAndNoTwoBoxesShareAPlace(RecoveryPolicy policy) {
        RecoveryGraph graph = RecoveryGraph.of(policy);
        FlowchartLayout layout = FlowchartLayout.of(graph, 150, 90);

        for (GraphEdge edge : graph.edges()) {
            assertThat(layout.centre(edge.to()).y()).as(edge.toString()).isGreaterThan(layout.centre(edge.from()).y());
        }
        Set<FlowchartLayout.Point> places = new HashSet<>();
        for (GraphNode node : graph.nodes()) {
            FlowchartLayout.Point centre = layout.centre(node.id());
            assertThat(places.add(centre)).as(node.id()).isTrue();
            assertThat(centre.x()).isBetween(0.0, layout.width());
            assertThat(centre.y()).isBetween(0.0, layout.height());
        }
        assertThat(layout.centre(RecoveryGraph.FOR_EACH).y()).isEqualTo(45.0);
    }

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void noTwoBoxesOverlap(RecoveryPolicy policy) {
        RecoveryGraph graph = RecoveryGraph.of(policy);
        FlowchartLayout layout = FlowchartLayout.of(graph, 170, 100);

        for (GraphNode a : graph.nodes()) {
            for (GraphNode b : graph.nodes()) {
                if (!a.id().equals(b.id())) {
                    assertThat(layout.shape(a.id()).overlaps(layout.shape(b.id()))).as(a.id() + " / " + b.id())
                            .isFalse();
                }
            }
        }
    }

    /**
     * Every path an execution can take, each step on it with long evidence (the trace's steps are the questions and
     * boxes; the action that ends the path has none): no note hides a box or another note.
     */
    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void evidenceNotesOnAnyPathHideNoBoxAndNoOtherNote(RecoveryPolicy policy) {
        RecoveryGraph graph = RecoveryGraph.of(policy);
        FlowchartLayout layout = FlowchartLayout.of(graph, 170, 100);
        String longEvidence = "pid 4242 alive, start time 2026-11-28T10:00:00.123Z matches the reattach config; "
                + "ping 2 ms; protocol v1";
        List<List<String>> paths = paths(graph, List.of(RecoveryGraph.FOR_EACH));
        assertThat(paths).hasSizeGreaterThan(3);

        for (List<String> path : paths) {
            Map<String, String> evidence = new LinkedHashMap<>();
            path.stream().filter(node -> graph.node(node).kind() != GraphNode.Kind.ACTION)
                    .forEach(node -> evidence.put(node, longEvidence));
            Map<String, FlowchartLayout.Rect> notes = layout.notes(evidence);
            for (Map.Entry<String, FlowchartLayout.Rect> note : notes.entrySet()) {
                FlowchartLayout.Rect place = note.getValue();
                assertThat(place.x()).as("note of %s on %s", note.getKey(), path).isGreaterThanOrEqualTo(0);
                assertThat(place.x() + place.width()).isLessThanOrEqualTo(layout.canvasWidth());
                for (GraphNode box : graph.nodes()) {
                    assertThat(place.overlaps(layout.shape(box.id())))
                            .as("note of %s over box %s on %s", note.getKey(), box.id(), path).isFalse();
                }
                for (Map.Entry<String, FlowchartLayout.Rect> other : notes.entrySet()) {
                    if (!other.getKey().equals(note.getKey())) {
                        assertThat(place.overlaps(other.getValue()))
                                .as("notes of %s and %s on %s", note.getKey(), other.getKey(), path).isFalse();
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aNoteIsAsTallAsItsWordsWrapUpToFourLines() {
        double oneLine = FlowchartLayout.noteHeight("Type: batch");
        double threeWords = FlowchartLayout.noteHeight("no exit record; in-process wasm executions end with the node");

        assertThat(threeWords).isGreaterThan(oneLine * 2);
        assertThat(FlowchartLayout.noteHeight("x ".repeat(500))).isEqualTo(FlowchartLayout.noteHeight("y ".repeat(200)));
    }

    private static List<List<String>> paths(RecoveryGraph graph, List<String> sofar) {
        String last = sofar.get(sofar.size() - 1);
        List<GraphEdge> out = graph.edges().stream().filter(e -> e.from().equals(last)).toList();
        if (out.isEmpty()) {
            return List.of(sofar);
        }
        List<List<String>> all = new ArrayList<>();
        for (GraphEdge edge : out) {
            List<String> longer = new ArrayList<>(sofar);
            longer.add(edge.to());
            all.addAll(paths(graph, longer));
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(RecoveryPolicy.class)
    void anUnknownBoxIsRefusedByName(RecoveryPolicy policy) {
        FlowchartLayout layout = FlowchartLayout.of(RecoveryGraph.of(policy), 150, 90);

        assertThatThrownBy(() -> layout.centre("nowhere")).hasMessageContaining("nowhere");
    }
}
