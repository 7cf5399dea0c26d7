package io.harbormaster.executors.plugin.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real wasm executor hosted by the node in plugin processes: shared per type, and one per service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WasmPluginHostingTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @AfterEach
    void stopNodeAndItsPlugins() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    private void startNode(String placement) throws IOException {
        if (placement != null) {
            Files.writeString(dataDir.resolve("config.yaml"), "executors:\n  wasm:\n    placement: " + placement + "\n");
        }
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false)
                .allowListedLocalPaths(List.of(WasmJobs.allowList())).build());
    }

    @Test
    void batchFixturesRunInOneSharedPluginWithTheirRealResults() throws IOException {
        startNode("shared");

        Execution hello = runToEnd(WasmJobs.job("hello", "batch", "hello"));
        Execution exit3 = runToEnd(WasmJobs.job("exit", "batch", "exit-with-code"));
        Execution trap = runToEnd(WasmJobs.job("trap", "batch", "trap"));

        assertThat(hello.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(Files.readString(node.logs(hello.id()).stdout())).contains("hello from wasm");
        assertThat(exit3.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(exit3.exitCode()).isEqualTo(3);
        assertThat(trap.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(trap.reason()).contains("trap");
        assertThat(List.of(hello, exit3, trap)).allSatisfy(e -> assertThat(e.reattach()).isNotNull());
        assertThat(Stream.of(hello, exit3, trap).map(e -> e.reattach().pid()).distinct())
                .as("one shared plugin served all three").hasSize(1);
        assertThat(ProcessHandle.of(hello.reattach().pid()).map(ProcessHandle::isAlive)).contains(true);
    }

    @Test
    void serviceGetsAPluginOfItsOwnThatEndsWithIt() throws IOException {
        startNode(null);
        Execution ticker = node.submit(WasmJobs.job("ticker", "service", "ticker")).execution();
        await(() -> state(ticker.id()) == ExecutionState.RUNNING && output(ticker.id()).contains("tick 3"));
        Execution running = node.get(ticker.id()).orElseThrow();
        assertThat(running.reattach()).as("a dedicated plugin by default").isNotNull();
        ProcessHandle plugin = ProcessHandle.of(running.reattach().pid()).orElseThrow();
        assertThat(plugin.info().commandLine()).as("ps shows what it is")
                .hasValueSatisfying(line -> assertThat(line).contains("harbormaster.plugin=wasm"));

        node.cancel(ticker.id(), "test asked");

        assertThat(state(ticker.id())).isEqualTo(ExecutionState.CANCELLED);
        assertThat(plugin.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).isFalse();
    }

    @Test
    void dedicatedPluginLoadsTheClassesTheNodeCompiledInsteadOfCompiling() throws IOException {
        startNode(null);
        Execution ticker = node.submit(WasmJobs.job("ticker", "service", "ticker")).execution();
        await(() -> state(ticker.id()) == ExecutionState.RUNNING && output(ticker.id()).contains("tick 3"));
        Execution running = node.get(ticker.id()).orElseThrow();
        Path socket = Path.of(running.reattach().socketPath());
        String name = socket.getFileName().toString().replaceFirst("\\.sock$", "");
        String pluginLog = Files.readString(new PluginFiles(socket.getParent(), name).log());

        assertThat(pluginLog).contains("loaded precompiled classes from cache")
                .doesNotContain("compiled to JVM bytecode").doesNotContain("interpreting it instead");
        assertThat(running.handle().attribute("machine")).isEqualTo("compiled");
        try (Stream<Path> entries = Files.list(dataDir.resolve("wasm-classes"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).as("one entry, named by the module's hash")
                    .singleElement().asString().matches("[0-9a-f]{64}-chicory-.+-f[0-9]+");
        }
    }

    @Test
    void executorSettingsReachThePluginAndTimeoutsStopPluginHostedWork() throws IOException {
        Files.writeString(dataDir.resolve("config.yaml"),
                "executors:\n  wasm:\n    placement: dedicated\n    machine: interpreter\n");
        startNode(null);
        String spec = WasmJobs.job("ticker", "service", "ticker") + "    Timeouts:\n      ExecutionTimeout: 2\n";

        Execution timedOut = runToEnd(spec);

        assertThat(timedOut.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(timedOut.reason()).contains("timeout");
        assertThat(timedOut.handle().attribute("machine")).as("the plugin got the setting").isEqualTo("interpreted");
        assertThat(ProcessHandle.of(timedOut.reattach().pid()).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS)
                .join().isAlive()).orElse(false)).as("its dedicated plugin ended with it").isFalse();
    }

    @Test
    void batchStaysInProcessUnderTheDefaultPlacement() throws IOException {
        startNode(null);
        Execution hello = runToEnd(WasmJobs.job("hello", "batch", "hello"));
        assertThat(hello.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(hello.reattach()).isNull();
        assertThat(node.hosting().plugins()).extracting(PluginExecutor::type).doesNotContain("wasm");
    }

    private Execution runToEnd(String spec) {
        String id = node.submit(spec).execution().id();
        await(() -> state(id).isTerminal());
        return node.get(id).orElseThrow();
    }

    private ExecutionState state(String id) {
        return node.get(id).orElseThrow().state();
    }

    private String output(String id) {
        try {
            Path stdout = node.logs(id).stdout();
            return Files.exists(stdout) ? Files.readString(stdout) : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
