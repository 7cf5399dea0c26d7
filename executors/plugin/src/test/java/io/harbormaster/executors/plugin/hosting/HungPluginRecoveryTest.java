package io.harbormaster.executors.plugin.hosting;

import static io.harbormaster.executors.plugin.hosting.WasmPluginHostingTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.api.SpecFormat;
import io.harbormaster.core.cli.Main;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wasm service's dedicated plugin hangs (SIGSTOP) while the node is down. The restarted node proves the plugin
 * ours (pid and start time) but gets no answer: WAIT, nothing done on a guess. The operator re-runs it: the hung
 * plugin is stopped before a new one is started for the same execution.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HungPluginRecoveryTest {

    @TempDir
    Path work;

    private final List<ChildJvm> nodes = new ArrayList<>();
    private final List<ReattachConfig> plugins = new ArrayList<>();

    @AfterEach
    void stopEverythingWeStarted() {
        nodes.forEach(ChildJvm::close);
        for (ReattachConfig plugin : plugins) {
            ProcessHandle.of(plugin.pid()).ifPresent(p -> signal("-CONT", p.pid()));
            PluginProcess.stopIfOurs(plugin, Duration.ofSeconds(2));
        }
    }

    @Test
    void aHungPluginWaitsAndIsStoppedBeforeTheOperatorsRerunStartsANewOne() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm first = startNode(dataDir, "first");
        ApiClient api = ApiClient.connect(new DataDirectory(dataDir));
        String id = api.submit(WasmJobs.job("ticker", "service", "ticker"), SpecFormat.YAML).executionId();
        await(() -> api.describe(id).execution().state() == ExecutionState.RUNNING);
        ReattachConfig hung = api.describe(id).execution().reattach();
        plugins.add(hung);
        first.kill9();
        signal("-STOP", hung.pid());

        ChildJvm second = startNode(dataDir, "second");
        ApiClient again = ApiClient.connect(new DataDirectory(dataDir));

        PlanItem waiting = again.recoveryPlan().plan().item(id).orElseThrow();
        assertThat(waiting.trace().answers()).containsExactly("", "yes", "no", "", "unknown");
        assertThat(waiting.trace().evidenceLine()).contains("pid " + hung.pid() + " alive, start time matches",
                "not answering");
        assertThat(waiting.proposed()).isEqualTo(RecoveryAction.WAIT);
        assertThat(waiting.status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(again.describe(id).execution().attempts()).isEqualTo(1);
        assertThat(ProcessHandle.of(hung.pid()).map(ProcessHandle::isAlive)).as("left as it is").contains(true);

        again.overrideRecovery(id, "RERUN", "user:operator");
        again.applyRecovery("user:operator");

        await(() -> {
            Execution now = again.describe(id).execution();
            return now.attempts() == 2 && now.state() == ExecutionState.RUNNING && now.reattach() != null;
        });
        ReattachConfig replacement = again.describe(id).execution().reattach();
        plugins.add(replacement);
        assertThat(replacement.pid()).isNotEqualTo(hung.pid());
        assertThat(ProcessHandle.of(hung.pid()).filter(ProcessHandle::isAlive)).as("the hung plugin was stopped")
                .isEmpty();
        String log = second.stderr();
        int stopped = log.indexOf("Old plugin of " + id + ": pid " + hung.pid());
        int started = log.indexOf("started: pid " + replacement.pid());
        assertThat(stopped).as("the old plugin's stop is logged").isNotNegative();
        assertThat(started).as("the new plugin starts after the old one is stopped").isGreaterThan(stopped);
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not send " + signal + " to " + pid, e);
        }
    }

    private ChildJvm startNode(Path dataDir, String name) throws IOException, InterruptedException {
        Files.deleteIfExists(dataDir.resolve("api.json"));
        ChildJvm node = ChildJvm.start(work, name, Main.class.getName(), "node", "--data-dir", dataDir.toString(),
                "--allow-listed-local-paths", WasmJobs.allowList());
        nodes.add(node);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(dataDir.resolve("api.json"))) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("node did not come up; stderr:\n" + node.stderr());
            }
            Thread.sleep(50);
        }
        return node;
    }
}
