package io.harbormaster.systemtests.recovery;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Docker work in the node itself, the node killed with SIGKILL, and the engine's containers changed while it was
 * down: what the restarted node proposes and what it does once approved.
 */
@RequiresDockerEngine
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LostWhileDownRecoveryTest {

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
    void batchThatExitedWhileDownIsAdoptedWithItsRealCode() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("exits", "batch", "sleep 3; echo finished alone; exit 7"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        first.kill9();
        awaitContainerState(id, "exited");

        NodeProcess second = node.start();

        PlanItem item = RecoveryScenario.item(second, id);
        assertThat(item.trace().answers()).containsExactly("", "no", "", "exited");
        assertThat(item.proposed()).isEqualTo(RecoveryAction.ADOPT_RESULT);
        assertThat(item.status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(item.trace().exitCode()).isEqualTo(7);
        Execution adopted = second.execution(id);
        assertThat(adopted.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(adopted.exitCode()).isEqualTo(7);
        assertThat(adopted.attempts()).isEqualTo(1);
        assertThat(second.stdoutOf(id)).isEqualTo("finished alone\n");
        assertThat(new EngineEvents(engine.docker, since).of("start", node.nodeId(), id)).hasSize(1);
    }

    @Test
    void batchWhoseContainerWasRemovedWhileDownIsProposedForFailureAndFailsOnceApproved() throws Exception {
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("lost", "batch", "sleep 300"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        first.kill9();
        removeContainers(id);

        NodeProcess second = node.start();

        PlanItem item = RecoveryScenario.item(second, id);
        assertThat(item.trace().answers()).containsExactly("", "no", "", "gone", "no");
        assertThat(item.proposed()).isEqualTo(RecoveryAction.FAIL);
        assertThat(item.status()).as("FAIL is not safe: it waits").isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(second.execution(id).state()).isEqualTo(ExecutionState.RUNNING);

        second.api().approveRecovery(List.of(id), false, false, "user:system-test");
        PlanItem applied = RecoveryScenario.item(second, second.api().applyRecovery("user:system-test").plan()
                .item(id).orElseThrow().executionId());

        assertThat(applied.status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(applied.decidedBy()).isEqualTo("user:system-test");
        Execution failed = second.execution(id);
        assertThat(failed.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(failed.reason()).contains("lost during node restart");
        assertThat(node.containersOf(engine, id)).isEmpty();
    }

    @Test
    void serviceWhoseContainerWasRemovedWhileDownIsRerunOnceAsAttemptTwo() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("svc", "service", "sleep 300"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        first.kill9();
        removeContainers(id);

        NodeProcess second = node.start();
        PlanItem item = RecoveryScenario.item(second, id);
        assertThat(item.trace().answers()).containsExactly("", "no", "", "gone", "yes");
        assertThat(item.proposed()).isEqualTo(RecoveryAction.RERUN);
        assertThat(item.status()).isEqualTo(PlanItem.Status.PROPOSED);

        second.api().approveRecovery(null, false, true, "user:system-test");
        second.api().applyRecovery("user:system-test");

        Execution rerun = second.awaitExecution(id, e -> e.attempts() == 2 && e.state() == ExecutionState.RUNNING,
                RecoveryScenario.WITHIN);
        assertThat(rerun.attempts()).isEqualTo(2);
        assertThat(node.containersOf(engine, id)).singleElement().extracting(Container::getState).isEqualTo("running");
        assertThat(new EngineEvents(engine.docker, since).of("create", node.nodeId(), id))
                .as("the first attempt's container and exactly one new one").hasSize(2);
        assertThat(RecoveryScenario.item(second, id).outcome()).isEqualTo("re-run as attempt 2");
    }

    private void awaitContainerState(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + RecoveryScenario.WITHIN.toNanos();
        while (!node.containersOf(engine, id).stream().allMatch(c -> state.equals(c.getState()))
                || node.containersOf(engine, id).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("container of " + id + " never reached " + state);
            }
            Thread.sleep(200);
        }
    }

    private void removeContainers(String id) {
        List<Container> containers = node.containersOf(engine, id);
        assertThat(containers).hasSize(1);
        containers.forEach(c -> engine.docker.removeContainerCmd(c.getId()).withForce(true).exec());
        assertThat(node.containersOf(engine, id)).isEmpty();
    }
}
