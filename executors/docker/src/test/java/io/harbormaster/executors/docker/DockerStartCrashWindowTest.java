package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code kill -9} of a real node inside the start's crash windows, held open by the executor's test
 * hooks: after "created" but before "started", and after "started" but before the handle is stored.
 * The store has the execution STARTING without a handle; the container is found by label.
 */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerStartCrashWindowTest {

    private static final Duration TO_THE_END = Duration.ofSeconds(90);
    private static final String HOLD = "=600000";

    @TempDir
    Path dir;

    private TestEngine engine;
    private CrashableNode node;
    private Instant since;

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
    void aKillAfterStartBeforeTheHandleIsStoredIsReattachedToTheOneRunningContainer() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start(List.of(), List.of("-Dharbormaster.test.pauseAfterStart" + HOLD));
        String id = first.submit(DockerNodeKillTest.batch("sleep 10; echo ran once"));
        awaitContainer(id, "running");
        assertThat(first.execution(id)).satisfies(held -> {
            assertThat(held.state()).isEqualTo(ExecutionState.STARTING);
            assertThat(held.handle()).isNull();
        });

        first.kill9();
        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(second.stdoutOf(id)).isEqualTo("ran once\n");
        assertThat(second.log()).contains("Execution " + id + ": REATTACH (");
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).hasSize(1);
        assertThat(events.of("start", node.nodeId(), id)).hasSize(1);
    }

    /**
     * A container created but never started: nothing ran, so resuming the start doubles nothing. Under
     * the default {@code --approve safe} recovery resumes it at once through the executor's idempotent
     * start, which starts that same container instead of creating another.
     */
    @Test
    void aServiceKilledBetweenCreateAndStartIsResumedOnItsOneContainer() throws Exception {
        String id = killBetweenCreateAndStart(DockerNodeKillTest.batch("sleep 1; echo started late")
                .replace("Type: batch", "Type: service"));
        assertResumedToCompletion(id, "started late\n");
    }

    /** A batch job too: nothing of it ran, so it is not failed but started once, on the container it has. */
    @Test
    void aBatchKilledBetweenCreateAndStartIsResumedOnItsOneContainer() throws Exception {
        String id = killBetweenCreateAndStart(DockerNodeKillTest.batch("echo ran once"));
        assertResumedToCompletion(id, "ran once\n");
    }

    private String killBetweenCreateAndStart(String spec) throws Exception {
        since = Instant.now();
        NodeProcess first = node.start(List.of(), List.of("-Dharbormaster.test.pauseAfterCreate" + HOLD));
        String id = first.submit(spec);
        awaitContainer(id, "created");
        assertThat(first.execution(id).state()).isEqualTo(ExecutionState.STARTING);
        first.kill9();
        return id;
    }

    private void assertResumedToCompletion(String id, String stdout) throws Exception {
        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(second.stdoutOf(id)).isEqualTo(stdout);
        assertThat(second.log()).contains("Execution " + id + ": RESUME (").contains("created but never started");
        assertThat(done.attempts()).isEqualTo(2);
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).hasSize(1);
        assertThat(events.of("start", node.nodeId(), id)).hasSize(1);
    }

    private void awaitContainer(String executionId, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TO_THE_END.toNanos();
        while (node.nodeId() == null || node.containersOf(engine, executionId).stream()
                .noneMatch(container -> state.equals(container.getState()))) {
            assertThat(System.nanoTime()).as("a " + state + " container within " + TO_THE_END).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
