package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The docker executor as a node finds it: by ServiceLoader, with the node's docker host, driven by submit. */
@RequiresDockerEngine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerNodeTest {

    private static final String HOST = System.getenv(RequiresDockerEngine.HOST_VARIABLE);

    @TempDir
    Path dir;

    private ComputeNode node;

    @BeforeEach
    void startNode() {
        node = ComputeNode.start(NodeOptions.builder(dir.resolve("node")).apiEnabled(false).dockerHost(HOST).build());
    }

    @AfterEach
    void stopNode() throws Exception {
        String nodeId = node.nodeId();
        node.shutdown(true);
        try (TestEngine engine = new TestEngine()) {
            engine.docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec()
                    .forEach(container -> engine.docker.removeContainerCmd(container.getId()).withForce(true).exec());
        }
    }

    @Test
    void submittedDockerBatchJobCompletesWithItsOutputInTheLog() throws Exception {
        Execution accepted = node.submit("""
                Name: hello-docker
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: harbormaster-test/busybox:1
                        Entrypoint: [sh, -c]
                        Parameters: ['echo hello from $WHO']
                        EnvironmentVariables: [WHO=docker]
                """).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.handle().attribute(DockerExecutor.CONTAINER_NAME)).isEqualTo("hm-" + done.id());
        assertThat(Files.readString(node.logs(done.id()).stdout(), StandardCharsets.UTF_8)).isEqualTo("hello from docker\n");
    }

    @Test
    void aFailingContainerIsRecordedAsFailedWithItsExitCode() {
        Execution accepted = node.submit("""
                Name: fail-docker
                Type: batch
                Tasks:
                  - Name: main
                    Engine: {Type: docker, Params: {Image: harbormaster-test/busybox:1, Parameters: [sh, -c, 'exit 3']}}
                """).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
    }

    @Test
    void cancellingARunningContainerStopsItAndLeavesNoContainerBehind() {
        Execution accepted = node.submit(SLEEPER).execution();
        await(() -> node.get(accepted.id()).orElseThrow().state() == ExecutionState.RUNNING);

        Execution cancelled = node.cancel(accepted.id(), "operator asked");

        assertThat(cancelled.state()).isEqualTo(ExecutionState.CANCELLED);
        await(() -> node.executors().forType(DockerExecutor.TYPE).orElseThrow().owned().isEmpty());
    }

    @Test
    void anExecutionTimeoutStopsTheContainerAndFailsTheExecution() {
        Execution accepted = node.submit(SLEEPER + "    Timeouts: {ExecutionTimeout: 2}\n").execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.FAILED);
        await(() -> node.executors().forType(DockerExecutor.TYPE).orElseThrow().owned().isEmpty());
    }

    private static final String SLEEPER = """
            Name: sleeper
            Type: batch
            Tasks:
              - Name: main
                Engine: {Type: docker, Params: {Image: harbormaster-test/busybox:1, Parameters: [sleep, '300']}}
            """;

    private Execution awaitTerminal(String id) {
        await(() -> node.get(id).orElseThrow().state().isTerminal());
        return node.get(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
