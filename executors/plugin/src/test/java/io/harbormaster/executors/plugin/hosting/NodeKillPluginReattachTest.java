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
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless node as a real process runs a ticking wasm service in a plugin of its own, and is killed with
 * SIGKILL. The plugin must outlive it and be found again by the next node.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeKillPluginReattachTest {

    private static final Pattern TICK = Pattern.compile("tick (\\d+)");

    @TempDir
    Path work;

    private final List<ChildJvm> nodes = new ArrayList<>();
    private final List<ReattachConfig> plugins = new ArrayList<>();

    @AfterEach
    void stopEverythingWeStarted() {
        nodes.forEach(ChildJvm::close);
        plugins.forEach(plugin -> PluginProcess.stopIfOurs(plugin, Duration.ofSeconds(2)));
    }

    @Test
    void restartedNodeReattachesToTheSamePluginAndTheTicksRunOnWithoutAGap() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm first = startNode(dataDir, "first");
        ApiClient api = ApiClient.connect(new DataDirectory(dataDir));
        String id = api.submit(WasmJobs.job("ticker", "service", "ticker"), SpecFormat.YAML).executionId();
        await(() -> ticks(dataDir, id).size() >= 5);
        ReattachConfig plugin = api.describe(id).execution().reattach();
        plugins.add(plugin);

        first.kill9();
        int ticksAtKill = ticks(dataDir, id).size();
        await(() -> ticks(dataDir, id).size() > ticksAtKill + 3);
        assertThat(ProcessHandle.of(plugin.pid()).map(ProcessHandle::isAlive)).as("the plugin outlived the node")
                .contains(true);

        startNode(dataDir, "second");
        ApiClient again = ApiClient.connect(new DataDirectory(dataDir));
        Execution after = again.describe(id).execution();
        assertThat(after.state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(after.reattach().pid()).as("same plugin process").isEqualTo(plugin.pid());
        assertThat(after.attempts()).isEqualTo(1);
        int ticksAtRestart = ticks(dataDir, id).size();
        await(() -> ticks(dataDir, id).size() > ticksAtRestart + 3);

        List<Integer> ticks = ticks(dataDir, id);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as("tick %d of %s", i, ticks).isEqualTo(ticks.get(0) + i);
        }
        assertThat(pluginSockets(dataDir)).as("no second plugin for the execution").hasSize(1);

        again.shutdown(true);
        assertThat(ProcessHandle.of(plugin.pid()).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive())
                .orElse(false)).as("--stop-executions ends the plugin").isFalse();
    }

    @Test
    void deadPluginIsReplacedAndTheServiceRunAgainUnderAutoApproval() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm first = startNode(dataDir, "first", "--approve", "auto");
        ApiClient api = ApiClient.connect(new DataDirectory(dataDir));
        String id = api.submit(WasmJobs.job("ticker", "service", "ticker"), SpecFormat.YAML).executionId();
        await(() -> ticks(dataDir, id).size() >= 3);
        ReattachConfig plugin = api.describe(id).execution().reattach();
        plugins.add(plugin);

        first.kill9();
        ProcessHandle.of(plugin.pid()).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });

        ChildJvm second = startNode(dataDir, "second", "--approve", "auto");
        ApiClient again = ApiClient.connect(new DataDirectory(dataDir));
        await(() -> {
            Execution now = again.describe(id).execution();
            return now.attempts() == 2 && now.state() == ExecutionState.RUNNING && now.reattach() != null;
        });
        ReattachConfig replacement = again.describe(id).execution().reattach();
        plugins.add(replacement);
        assertThat(replacement.pid()).isNotEqualTo(plugin.pid());
        again.shutdown(false);
        second.waitFor(Duration.ofSeconds(60));

        try (MapDbExecutionStore store = MapDbExecutionStore.open(new DataDirectory(dataDir).storeDir())) {
            assertThat(store.decisions().read(0, 100)).filteredOn(d -> id.equals(d.executionId()))
                    .extracting(DecisionRecord::detail)
                    .anyMatch(detail -> detail.startsWith("RERUN") && detail.contains("pid " + plugin.pid() + " is not running"));
        }
    }

    private ChildJvm startNode(Path dataDir, String name, String... extra) throws IOException, InterruptedException {
        Files.deleteIfExists(dataDir.resolve("api.json"));
        List<String> args = new ArrayList<>(List.of("node", "--data-dir", dataDir.toString(),
                "--allow-listed-local-paths", WasmJobs.allowList()));
        args.addAll(List.of(extra));
        ChildJvm node = ChildJvm.start(work, name, Main.class.getName(), args.toArray(String[]::new));
        nodes.add(node);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dataDir.resolve("api.json"))) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("node did not come up; stderr:\n" + node.stderr());
            }
            Thread.sleep(50);
        }
        return node;
    }

    private static List<Integer> ticks(Path dataDir, String id) {
        Path stdout = dataDir.resolve("executions").resolve(id).resolve("stdout.log");
        List<Integer> ticks = new ArrayList<>();
        try {
            if (Files.exists(stdout)) {
                Matcher matcher = TICK.matcher(Files.readString(stdout));
                while (matcher.find()) {
                    ticks.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException unreadable) {
            return List.of();
        }
        return ticks;
    }

    private static List<Path> pluginSockets(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("run"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("d-"))
                    .filter(p -> p.getFileName().toString().endsWith(".sock")).toList();
        }
    }
}
