package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.recovery.RecoveryAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The decision log as the recovery screen shows and exports it, from a real node's store. */
@Timeout(120)
class DecisionLogViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private String batch;
    private DecisionLogViewModel viewModel;

    @BeforeEach
    void restartOverALostBatch() throws InterruptedException {
        node = TestNodes.start(dataDir);
        batch = node.submit(TestNodes.wasmJob("lost", "batch", "ticker")).execution().id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.get(batch).orElseThrow().state() != ExecutionState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        node.shutdown(false);
        node = TestNodes.start(dataDir);
        viewModel = new DecisionLogViewModel(BackgroundTasks.inline());
        viewModel.attach(node);
    }

    @AfterEach
    void stopNode() {
        node.shutdown(true);
    }

    @Test
    void theLogShowsThePlanAndTheProposalAndGrowsWithADecision() {
        assertThat(viewModel.lines()).anyMatch(line -> line.contains(batch) && line.contains("PROPOSED"));

        node.recovery().override(batch, RecoveryAction.CANCEL, "user:tester");
        viewModel.onEvent(new NodeEvent(1, Instant.now(), NodeEvent.Type.RECOVERY_DECISION, batch, null, "chosen"));

        assertThat(viewModel.lines()).anyMatch(line -> line.contains(batch) && line.contains("user:tester")
                && line.contains("CANCEL"));
    }

    @Test
    void eachEntryIsShownOnceHoweverManyEventsAskForAReload() {
        int before = viewModel.lines().size();
        node.recovery().override(batch, RecoveryAction.CANCEL, "user:tester");

        viewModel.onEvent(new NodeEvent(1, Instant.now(), NodeEvent.Type.RECOVERY_DECISION, batch, null, "chosen"));
        viewModel.onEvent(new NodeEvent(2, Instant.now(), NodeEvent.Type.RECOVERY_PLAN, null, null, "changed"));
        viewModel.reload();

        assertThat(viewModel.lines()).hasSize(before + 1).doesNotHaveDuplicates();
        assertThat(viewModel.lines()).last().asString().contains("user:tester");
    }

    @Test
    void exportWritesEveryEntryShown(@TempDir Path out) throws IOException {
        Path file = out.resolve("decisions.log");

        viewModel.export(file);

        assertThat(Files.readAllLines(file)).containsExactlyElementsOf(viewModel.lines()).isNotEmpty();
        assertThat(viewModel.messageProperty().get()).contains(file.toString());
    }
}
