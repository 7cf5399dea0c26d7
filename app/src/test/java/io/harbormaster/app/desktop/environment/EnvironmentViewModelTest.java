package io.harbormaster.app.desktop.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The environment screen's logic on a real node with a real orphan work dir and the test Docker engine
 * (a reset lists the node's containers too), without a window. */
@Timeout(120)
@RequiresDockerEngine
class EnvironmentViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private Path orphan;
    private String finished;
    private EnvironmentViewModel viewModel;

    @BeforeEach
    void startNodeBesideAnOrphanWorkDir() throws IOException, InterruptedException {
        node = ComputeNode.start(TestNodes.optionsOnTestEngine(dataDir));
        finished = node.submit(TestNodes.wasmJob("done", "batch", "hello")).execution().id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!node.get(finished).orElseThrow().state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(node.get(finished).orElseThrow().state()).isEqualTo(ExecutionState.COMPLETED);
        orphan = Files.createDirectories(dataDir.resolve("executions").resolve("e-left-by-a-crash"));
        viewModel = new EnvironmentViewModel(BackgroundTasks.inline(), "user:tester");
        viewModel.attach(node);
        assertThat(viewModel.planProperty().get()).as(viewModel.messageProperty().get()).isNotNull();
    }

    @AfterEach
    void stopNode() {
        node.shutdown(true);
    }

    @Test
    void thePreviewMarksTheOrphanWithItsProofAndChangesNothing() {
        assertThat(viewModel.items()).anySatisfy(item -> {
            assertThat(item.id()).isEqualTo(orphan.toString());
            assertThat(item.ownership()).isEqualTo(ResetItem.Ownership.ORPHAN);
            assertThat(item.proof()).contains("the store has no execution e-left-by-a-crash");
        });
        assertThat(viewModel.confirmation()).contains("REMOVE work-dir × 1").contains(orphan.toString());
        assertThat(orphan).isDirectory();
    }

    @Test
    void anOrphanResetRemovesTheOrphanAndNothingElse() {
        viewModel.apply();

        assertThat(orphan).doesNotExist();
        assertThat(dataDir.resolve("executions").resolve(finished)).isDirectory();
        assertThat(node.get(finished).orElseThrow().state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(viewModel.outcomes()).singleElement().asString().startsWith("REMOVED work-dir");
        assertThat(viewModel.progressProperty().get()).isEqualTo(1.0);
        assertThat(viewModel.items()).noneMatch(item -> item.ownership() == ResetItem.Ownership.ORPHAN);
    }

    @Test
    void aFullResetPreviewIsMadeWhenTheModeChanges() {
        viewModel.modeProperty().set(ResetMode.FULL);

        assertThat(viewModel.planProperty().get().mode()).isEqualTo(ResetMode.FULL);
        assertThat(orphan).isDirectory();
    }
}
