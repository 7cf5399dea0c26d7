package io.harbormaster.systemtests.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.executors.docker.CrashableNode;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import io.harbormaster.executors.docker.RestartableEngine;
import io.harbormaster.executors.docker.TestEngine;
import io.harbormaster.systemtests.SystemJobs;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine is down when the node starts: nothing is started or failed on a guess (WAIT); once the engine
 * (with live-restore, so the container kept running) is back, the next probe reattaches without an operator.
 */
@RequiresDockerEngine
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class EngineDownRecoveryTest {

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
    void anEngineThatIsDownGivesWaitThenTheNextProbeReattaches() throws Exception {
        assumeTrue(RestartableEngine.canRun(), "needs root and dockerd to start an engine of the test's own");
        try (TestEngine shared = new TestEngine()) {
            engine = RestartableEngine.start(dir.resolve("engine"), shared.docker, true);
        }
        node = new CrashableNode(RecoveryScenario.dataDirWithDockerPlacement(dir, "in-process"), engine.host());
        List<String> quickReprobe = List.of("-Dharbormaster.recovery.reprobeSeconds=2");
        NodeProcess first = node.start(List.of(), quickReprobe);
        String id = first.submit(SystemJobs.docker("svc", "service", "sleep 300"));
        first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        first.kill9();
        engine.stop();

        NodeProcess second = node.start(List.of(), quickReprobe);

        PlanItem waiting = RecoveryScenario.item(second, id);
        assertThat(waiting.trace().answers()).containsExactly("", "no", "", "unknown");
        assertThat(waiting.proposed()).isEqualTo(RecoveryAction.WAIT);
        assertThat(waiting.status()).isEqualTo(PlanItem.Status.PROPOSED);
        assertThat(second.execution(id).state()).as("nothing done on a guess").isEqualTo(ExecutionState.RUNNING);

        engine.startAgain();

        PlanItem reattached = RecoveryScenario.awaitItem(second, id, i -> i.status() == PlanItem.Status.APPLIED);
        assertThat(reattached.chosen()).isEqualTo(RecoveryAction.REATTACH);
        assertThat(reattached.trace().answers()).containsExactly("", "no", "", "running");
        assertThat(reattached.decidedBy()).isEqualTo("policy:safe");
        assertThat(second.execution(id).attempts()).isEqualTo(1);
        assertThat(engine.docker().listContainersCmd().withLabelFilter(java.util.Map.of(
                "io.harbormaster.execution", id)).exec()).singleElement()
                .extracting(c -> c.getState()).isEqualTo("running");
    }
}
