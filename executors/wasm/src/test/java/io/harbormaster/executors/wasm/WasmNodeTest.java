package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The wasm executor as the node finds it: by ServiceLoader, driven through submit, cancel and logs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasmNodeTest {

    @TempDir
    Path dir;

    private ComputeNode node;

    @BeforeEach
    void startNode() throws Exception {
        Files.createDirectories(dir.resolve("node"));
        // in-process on purpose: this module's tests have no plugin host on their classpath
        Files.writeString(dir.resolve("node/config.yaml"),
                "executors:\n  wasm:\n    machine: interpreter\n    placement: in-process\n");
        node = ComputeNode.start(NodeOptions.builder(dir.resolve("node"))
                .allowListedLocalPaths(List.of(dir + "/**:rw"))
                .apiEnabled(false)
                .build());
    }

    @AfterEach
    void stopNode() {
        node.shutdown(true);
    }

    @Test
    void submittedWasmJobCompletesWithItsOutputInTheLogsOnTheConfiguredMachine() throws Exception {
        Execution accepted = node.submit(WasmJob.of(dir, "hello").yaml()).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.handle().attribute("machine")).isEqualTo("interpreted");
        assertThat(Files.readString(node.logs(done.id()).stdout(), StandardCharsets.UTF_8)).isEqualTo("hello from wasm\n");
    }

    @Test
    void wasmExitCodeIsRecordedAsFailedWithThatCode() {
        Execution accepted = node.submit(WasmJob.of(dir, "exit-with-code").yaml()).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
    }

    @Test
    void cancellingATickingServiceStopsItsThread() {
        Execution accepted = node.submit(WasmJob.of(dir, "ticker").service().yaml()).execution();
        await(() -> node.get(accepted.id()).orElseThrow().state() == ExecutionState.RUNNING);

        Execution cancelled = node.cancel(accepted.id(), "operator asked");

        assertThat(cancelled.state()).isEqualTo(ExecutionState.CANCELLED);
        await(() -> node.executors().forType("wasm").orElseThrow().owned().isEmpty());
    }

    private Execution awaitTerminal(String id) {
        await(() -> node.get(id).orElseThrow().state().isTerminal());
        return node.get(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
