package io.harbormaster.systemtests.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.executors.docker.CrashableNode;
import io.harbormaster.executors.docker.EngineEvents;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import io.harbormaster.executors.docker.TestEngine;
import io.harbormaster.systemtests.SystemJobs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node dies (as by {@code kill -9}) after it re-ran a lost service and before it recorded that: the next
 * start finishes that action from the persisted plan, and nothing is done twice.
 */
@RequiresDockerEngine
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KillDuringApplyTest {

    @TempDir
    Path dir;

    private TestEngine engine;
    private CrashableNode node;

    @BeforeEach
    void setUp() throws Exception {
        engine = new TestEngine();
        node = new CrashableNode(RecoveryScenario.dataDirWithDockerPlacement(dir, "in-process"), engine.host);
    }

    @AfterEach
    void killProcessesAndRemoveContainers() throws Exception {
        node.close();
        engine.close();
    }

    @Test
    void aRerunInterruptedByTheNodesDeathIsFinishedOnceAtTheNextStart() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("svc", "service", "sleep 300"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        first.kill9();
        List<Container> lost = node.containersOf(engine, id);
        lost.forEach(c -> engine.docker.removeContainerCmd(c.getId()).withForce(true).exec());

        assertThatThrownBy(() -> node.start(List.of("--approve", "auto"),
                List.of("-Dharbormaster.test.haltAfterRecoveryAction=RERUN")))
                .as("the node halts inside the apply").hasMessageContaining("exited with 137");

        NodeProcess third = node.start();

        Execution execution = third.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING,
                RecoveryScenario.WITHIN);
        assertThat(execution.attempts()).as("the re-run was not taken a second time").isEqualTo(2);
        PlanItem item = RecoveryScenario.item(third, id);
        assertThat(item.chosen()).isEqualTo(RecoveryAction.RERUN);
        assertThat(item.status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(item.outcome()).isEqualTo("start of attempt 2 continued after a restart");
        assertThat(third.log()).doesNotContain("Execution " + id + ": RERUN (proposed RERUN; RUNNING, attempt 2");
        assertThat(node.containersOf(engine, id)).singleElement().extracting(Container::getState).isEqualTo("running");
        assertThat(new EngineEvents(engine.docker, since).of("create", node.nodeId(), id))
                .as("the lost container and exactly one for attempt 2").hasSize(2);
    }
}
