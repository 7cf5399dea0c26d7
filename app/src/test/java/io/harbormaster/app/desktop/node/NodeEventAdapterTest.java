package io.harbormaster.app.desktop.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.NodeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeEventAdapterTest {

    private final List<Runnable> uiQueue = new ArrayList<>();
    private final NodeEventAdapter adapter = new NodeEventAdapter(uiQueue::add);

    @Test
    void aBurstOfEventsCostsTheUiThreadOneHandOverAndKeepsItsOrder() {
        List<Long> delivered = new ArrayList<>();
        adapter.addListener(event -> delivered.add(event.sequence()));

        for (long sequence = 1; sequence <= 100; sequence++) {
            adapter.accept(event(sequence));
        }

        assertThat(uiQueue).hasSize(1);
        uiQueue.remove(0).run();
        assertThat(delivered).hasSize(100).isSorted();
    }

    @Test
    void anEventAfterADrainIsHandedOverAgain() {
        List<Long> delivered = new ArrayList<>();
        adapter.addListener(event -> delivered.add(event.sequence()));
        adapter.accept(event(1));
        uiQueue.remove(0).run();

        adapter.accept(event(2));

        assertThat(uiQueue).hasSize(1);
        uiQueue.remove(0).run();
        assertThat(delivered).containsExactly(1L, 2L);
    }

    private static NodeEvent event(long sequence) {
        return new NodeEvent(sequence, Instant.now(), NodeEvent.Type.EXECUTION_STATE_CHANGED, "e-" + sequence,
                ExecutionState.RUNNING, "running");
    }
}
