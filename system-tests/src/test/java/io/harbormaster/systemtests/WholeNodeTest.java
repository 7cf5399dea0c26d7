package io.harbormaster.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.executors.docker.CrashableNode;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import io.harbormaster.executors.docker.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One real node runs both kinds of work side by side: a Docker batch on the real engine and a WebAssembly batch. */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WholeNodeTest {

    private static final Duration TO_THE_END = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private TestEngine engine;
    private CrashableNode node;

    @BeforeEach
    void setUp() {
        engine = new TestEngine();
        node = new CrashableNode(dir.resolve("data"), engine.host);
    }

    @AfterEach
    void stopTheNodeAndRemoveItsContainers() throws Exception {
        node.close();
        engine.close();
    }

    @Test
    void aDockerBatchAndAWasmBatchBothCompleteWithTheirOutput() throws Exception {
        NodeProcess running = node.start(List.of("--allow-listed-local-paths", SystemJobs.wasmAllowList()), List.of());

        String docker = running.submit(SystemJobs.docker("in-docker", "batch", "echo from docker; exit 4"));
        String wasm = running.submit(SystemJobs.wasm("in-wasm", "batch", "hello"));

        Execution dockerDone = running.awaitExecution(docker, e -> e.state().isTerminal(), TO_THE_END);
        Execution wasmDone = running.awaitExecution(wasm, e -> e.state().isTerminal(), TO_THE_END);
        assertThat(dockerDone.state()).as(dockerDone.reason()).isEqualTo(ExecutionState.FAILED);
        assertThat(dockerDone.exitCode()).isEqualTo(4);
        assertThat(running.stdoutOf(docker)).isEqualTo("from docker\n");
        assertThat(wasmDone.state()).as(wasmDone.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(wasmDone.exitCode()).isZero();
        assertThat(running.stdoutOf(wasm)).isNotEmpty();
    }
}
