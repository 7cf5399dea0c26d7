package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine itself restarted while the node is down: with {@code --live-restore} the container keeps
 * running through the engine's restart, and the restarted node reattaches to it.
 */
@RequiresDockerEngine
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DockerLiveRestoreTest {

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
    void aContainerSurvivingALiveRestoreEngineRestartIsReattached() throws Exception {
        assumeTrue(RestartableEngine.canRun(), "needs root and dockerd to start an engine of the test's own");
        try (TestEngine shared = new TestEngine()) {
            engine = RestartableEngine.start(dir.resolve("engine"), shared.docker, true);
        }
        node = new CrashableNode(dir.resolve("data"), engine.host());
        NodeProcess first = node.start();
        String id = first.submit(DockerNodeKillTest.batch("sleep 15; echo survived the engine"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, TO_THE_END);
        first.kill9();
        String containerId = containersOf(id).get(0).getId();
        String startedAt = engine.docker().inspectContainerCmd(containerId).exec().getState().getStartedAt();

        engine.restart();
        assertThat(containersOf(id)).singleElement().extracting(Container::getState).isEqualTo("running");
        assertThat(engine.docker().inspectContainerCmd(containerId).exec().getState().getStartedAt()).isEqualTo(startedAt);

        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(second.stdoutOf(id)).isEqualTo("survived the engine\n");
        assertThat(second.log()).contains("Execution " + id + ": REATTACH (");
    }

    private List<Container> containersOf(String executionId) {
        return engine.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, node.nodeId(), DockerLabels.EXECUTION, executionId)).exec();
    }
}
