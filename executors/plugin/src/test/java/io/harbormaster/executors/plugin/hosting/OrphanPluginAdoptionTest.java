package io.harbormaster.executors.plugin.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeIdentity;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed after it launched a plugin but before it persisted the plugin's reattach config leaves that
 * plugin serving on its socket. The next node must adopt it: a second plugin of the same name is refused the
 * socket, and the execution was failed with "plugin could not start" (found by the torture test).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrphanPluginAdoptionTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private ReattachConfig leftBehind;

    @AfterEach
    void stopNodeAndThePlugin() {
        if (node != null) {
            node.shutdown(true);
        }
        if (leftBehind != null) {
            PluginProcess.stopIfOurs(leftBehind, Duration.ofSeconds(5));
        }
    }

    @Test
    void aPluginLaunchedByAKilledNodeButNeverPersistedIsAdoptedInsteadOfFailingTheNextStart() throws Exception {
        Files.writeString(dataDir.resolve("config.yaml"), "executors:\n  wasm:\n    placement: shared\n");
        String nodeId = NodeIdentity.loadOrCreate(dataDir.resolve("node-id"));
        // what the killed node left: its shared wasm plugin, running, known to no execution in the store
        leftBehind = new PluginLauncher(PluginLaunchSpec.builder("wasm", dataDir.resolve("run"), nodeId, dataDir)
                .name("s-wasm").build()).launch();

        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false)
                .allowListedLocalPaths(List.of(WasmJobs.allowList())).build());
        String id = node.submit(WasmJobs.job("exit", "batch", "exit-with-code")).execution().id();
        Execution done = awaitEnd(id);

        assertThat(done.exitCode()).as(done.reason()).isEqualTo(3);
        assertThat(done.reattach()).isNotNull();
        assertThat(done.reattach().pid()).as("the plugin left behind, not a second one").isEqualTo(leftBehind.pid());
        assertThat(done.reattach().processStart()).isEqualTo(leftBehind.processStart());
    }

    private Execution awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!node.get(id).orElseThrow().state().isTerminal()) {
            assertThat(System.nanoTime()).as("execution ended within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        return node.get(id).orElseThrow();
    }
}
