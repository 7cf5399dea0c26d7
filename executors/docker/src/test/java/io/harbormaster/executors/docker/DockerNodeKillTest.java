package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real node process while its container runs: after a restart the execution is
 * found by label and followed to its end, or its exit adopted, and the engine's own events prove no
 * second container was created or started. The sleeps are long enough that the container still runs
 * when a restarted node (a new JVM on a loaded machine) recovers.
 */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerNodeKillTest {

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
    void killNodesAndRemoveContainers() throws Exception {
        node.close();
        engine.close();
    }

    @Test
    void aContainerRunningThroughANodeKillIsFollowedToItsEndAndCreatedOnlyOnce() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(batch("sleep 10; echo slept"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, TO_THE_END);

        first.kill9();
        assertThat(node.containersOf(engine, id)).singleElement()
                .extracting(Container::getState).isEqualTo("running");

        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(second.stdoutOf(id)).isEqualTo("slept\n");
        assertThat(second.log()).contains("Execution " + id + ": REATTACH (");
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).hasSize(1);
        assertThat(events.of("start", node.nodeId(), id)).hasSize(1);
    }

    @Test
    void aContainerThatExitsWhileTheNodeIsDownHasItsExitCodeAndLogsAdoptedAndIsNotStartedAgain() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(batch("sleep 3; echo done; exit 3"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, TO_THE_END);

        first.kill9();
        List<Container> killedWhileRunning = node.containersOf(engine, id);
        assertThat(killedWhileRunning).singleElement().extracting(Container::getState).isEqualTo("running");
        String containerId = killedWhileRunning.get(0).getId();
        String startedAt = engine.inspect(containerId).getState().getStartedAt();
        awaitExited(containerId);

        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(second.stdoutOf(id)).isEqualTo("done\n");
        assertThat(second.log()).contains("Execution " + id + ": ADOPT_RESULT (");
        node.containersOf(engine, id).forEach(left ->
                assertThat(engine.inspect(left.getId()).getState().getStartedAt()).isEqualTo(startedAt));
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).hasSize(1);
        assertThat(events.of("start", node.nodeId(), id)).hasSize(1);
    }

    private void awaitExited(String containerId) throws InterruptedException {
        long deadline = System.nanoTime() + TO_THE_END.toNanos();
        while (Boolean.TRUE.equals(engine.inspect(containerId).getState().getRunning())) {
            assertThat(System.nanoTime()).as("container exits within " + TO_THE_END).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static String batch(String script) {
        return """
                Name: crash-test
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: harbormaster-test/busybox:1
                        Parameters: [sh, -c, '%s']
                """.formatted(script);
    }
}
