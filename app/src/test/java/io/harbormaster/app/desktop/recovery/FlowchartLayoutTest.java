package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.recovery.GraphEdge;
import io.harbormaster.core.recovery.GraphNode;
import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.RecoveryPolicy;
import java.util.HashSet;
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
    void anUnknownBoxIsRefusedByName(RecoveryPolicy policy) {
        FlowchartLayout layout = FlowchartLayout.of(RecoveryGraph.of(policy), 150, 90);

        assertThatThrownBy(() -> layout.centre("nowhere")).hasMessageContaining("nowhere");
    }
}
