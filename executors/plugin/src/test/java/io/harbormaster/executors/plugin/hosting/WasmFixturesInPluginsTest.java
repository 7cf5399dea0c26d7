package io.harbormaster.executors.plugin.hosting;

import static io.harbormaster.executors.plugin.hosting.WasmPluginHostingTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every behaviour of the wasm fixtures, hosted in a shared plugin (batch jobs) and in dedicated plugins
 * (service jobs): output, arguments and environment, exit codes, traps, cancel and timeout.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WasmFixturesInPluginsTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @AfterEach
    void stopNodeAndItsPlugins() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    @ParameterizedTest(name = "{0} plugin, {1} jobs")
    @CsvSource({"shared, batch", "dedicated, service"})
    void fixturesBehaveInAPluginAsTheyDoInProcess(String placement, String type) throws IOException {
        Files.writeString(dataDir.resolve("config.yaml"), "executors:\n  wasm:\n    placement: " + placement + "\n");
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false)
                .allowListedLocalPaths(List.of(WasmJobs.allowList())).build());

        Execution hello = runToEnd(WasmJobs.job("hello", type, "hello"));
        assertThat(hello.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(hello.reattach()).as("hosted in a plugin").isNotNull();
        assertThat(output(hello)).contains("hello from wasm");

        Execution echo = runToEnd(WasmJobs.job("echo", type, "args-env") + """
                        Parameters: ["--greeting", "hello world"]
                        EnvironmentVariables:
                          GREETING: hi
                """);
        assertThat(output(echo).lines()).contains("arg --greeting", "arg hello world", "env GREETING=hi");

        Execution exit3 = runToEnd(WasmJobs.job("exit", type, "exit-with-code"));
        assertThat(exit3.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(exit3.exitCode()).isEqualTo(3);

        Execution trap = runToEnd(WasmJobs.job("trap", type, "trap"));
        assertThat(trap.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(trap.reason()).contains("trap");

        Execution ticker = node.submit(WasmJobs.job("ticker", type, "ticker")).execution();
        await(() -> node.get(ticker.id()).orElseThrow().state() == ExecutionState.RUNNING
                && output(node.get(ticker.id()).orElseThrow()).contains("tick 2"));
        assertThat(node.cancel(ticker.id(), "test cancel").state()).isEqualTo(ExecutionState.CANCELLED);

        Execution timedOut = runToEnd(WasmJobs.job("slow", type, "ticker") + "    Timeouts:\n      ExecutionTimeout: 1\n");
        assertThat(timedOut.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(timedOut.reason()).contains("timeout");
    }

    private Execution runToEnd(String spec) {
        String id = node.submit(spec).execution().id();
        await(() -> node.get(id).orElseThrow().state().isTerminal());
        return node.get(id).orElseThrow();
    }

    private String output(Execution execution) {
        try {
            Path stdout = node.logs(execution.id()).stdout();
            return Files.exists(stdout) ? Files.readString(stdout) : "";
        } catch (IOException unreadable) {
            return "";
        }
    }
}
