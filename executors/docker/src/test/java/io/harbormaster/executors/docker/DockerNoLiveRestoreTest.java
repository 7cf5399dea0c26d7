package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine restarted without {@code --live-restore} while the node was down: the engine stopped the
 * container on its way down. The restarted node records what happened, the container's real exit code,
 * instead of leaving the execution RUNNING or starting it again without approval.
 */
@RequiresDockerEngine
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DockerNoLiveRestoreTest {

    private static final Duration TO_THE_END = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private RestartableEngine engine;
    private CrashableNode node;

    @AfterEach
    void stopEverything() throws Exception {
        if (node != null) {
            node.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aServiceStoppedByAnEngineRestartIsRecordedWithItsRealExitCodeAndNotRunAgain() throws Exception {
        assumeTrue(RestartableEngine.canRun(), "needs root and dockerd to start an engine of the test's own");
        try (TestEngine shared = new TestEngine()) {
            engine = RestartableEngine.start(dir.resolve("engine"), shared.docker, false);
        }
        node = new CrashableNode(dir.resolve("data"), engine.host());
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(DockerNodeKillTest.batch("sleep 300").replace("Type: batch", "Type: service"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, TO_THE_END);
        first.kill9();
        String containerId = containersOf(id).get(0).getId();
        // the engine keeps its events in memory only: count the creates before it restarts
        int createdBefore = new EngineEvents(engine.docker(), since).of("create", node.nodeId(), id).size();

        engine.restart();
        Instant restarted = Instant.now();
        assertThat(containersOf(id)).singleElement().extracting(Container::getState).isEqualTo("exited");
        InspectContainerResponse.ContainerState stopped = engine.docker().inspectContainerCmd(containerId).exec().getState();
        Integer realCode = stopped.getExitCodeLong() == null ? null : stopped.getExitCodeLong().intValue();
        assertThat(realCode).isNotNull().isNotZero();

        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.exitCode()).isEqualTo(realCode);
        assertThat(done.reason()).contains("exited with code " + realCode).contains("finished while the node was down");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(second.log()).contains("Execution " + id + ": ADOPT_RESULT (");
        EngineEvents afterRestart = new EngineEvents(engine.docker(), restarted);
        assertThat(createdBefore + afterRestart.of("create", node.nodeId(), id).size()).isEqualTo(1);
        assertThat(afterRestart.of("start", node.nodeId(), id)).isEmpty();
    }

    private List<Container> containersOf(String executionId) {
        return engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, node.nodeId(), DockerLabels.EXECUTION, executionId)).exec();
    }
}
