package io.harbormaster.app.desktop.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.core.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedNodeTest {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(120)
    void aStoreHeldByAHeadlessNodeIsReportedWithThatNodesPid() throws Exception {
        Process headless = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "node", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-node.out").toFile())
                .start();
        try {
            waitFor(dataDir.resolve("api.json"), headless);
            List<EmbeddedNode.Status> seen = new ArrayList<>();
            EmbeddedNode embedded = new EmbeddedNode(TestNodes.options(dataDir), BackgroundTasks.inline());
            embedded.addStatusListener(seen::add);

            embedded.start();

            assertThat(seen).last().satisfies(status -> {
                assertThat(status.state()).isEqualTo(NodeState.FAILED);
                assertThat(status.message()).contains("pid " + headless.pid()).contains("harbormaster shutdown");
            });
            assertThat(embedded.node()).isEmpty();
        } finally {
            headless.destroy();
            if (!headless.waitFor(30, TimeUnit.SECONDS)) {
                headless.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(120)
    void aFreeStoreStartsAndShutdownDetachesThenReportsStopped() {
        List<EmbeddedNode.Status> seen = new ArrayList<>();
        EmbeddedNode embedded = new EmbeddedNode(TestNodes.options(dataDir), BackgroundTasks.inline());
        embedded.addStatusListener(seen::add);

        embedded.start();
        assertThat(embedded.status().state()).isEqualTo(NodeState.READY);
        boolean[] done = {false};
        embedded.shutdown(false, () -> done[0] = true);

        assertThat(done[0]).isTrue();
        assertThat(seen).extracting(EmbeddedNode.Status::state)
                .containsExactly(NodeState.STARTING, NodeState.READY, NodeState.STOPPING, NodeState.STOPPED);
    }

    private static void waitFor(Path file, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("the headless node exited early").isTrue();
            assertThat(System.nanoTime()).as("the headless node wrote no " + file + " in 90 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
