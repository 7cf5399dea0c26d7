package io.harbormaster.systemtests.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service in a dedicated docker plugin, the node killed with SIGKILL: the seed's two plugin paths with a real
 * node, real plugin processes and a real engine.
 */
@RequiresDockerEngine
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PluginRecoveryTest {

    @TempDir
    Path dir;

    private TestEngine engine;
    private CrashableNode node;

    @BeforeEach
    void setUp() throws Exception {
        engine = new TestEngine();
        node = new CrashableNode(RecoveryScenario.dataDirWithDockerPlacement(dir, "dedicated"), engine.host);
    }

    @AfterEach
    void killProcessesAndRemoveContainers() throws Exception {
        node.close();
        engine.close();
    }

    @Test
    void pluginStillAliveIsReattached() throws Exception {
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("svc", "service", "sleep 300"));
        ReattachConfig plugin = startedInPlugin(first, id);
        first.kill9();

        NodeProcess second = node.start();

        PlanItem item = RecoveryScenario.item(second, id);
        assertThat(item.trace().answers()).containsExactly("", "yes", "yes", "", "running");
        assertThat(item.trace().evidenceLine()).contains("pid " + plugin.pid() + " alive, start time matches, ping");
        assertThat(item.proposed()).isEqualTo(RecoveryAction.REATTACH);
        assertThat(item.status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(item.decidedBy()).isEqualTo("policy:safe");
        Execution execution = second.execution(id);
        assertThat(execution.state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(execution.attempts()).isEqualTo(1);
        assertThat(execution.reattach().pid()).as("the same plugin").isEqualTo(plugin.pid());
        assertThat(node.containersOf(engine, id)).singleElement().extracting(Container::getState).isEqualTo("running");
    }

    @Test
    void pluginKilledWithItsContainerAliveGoesThroughNewPluginToReattach() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(SystemJobs.docker("svc", "service", "sleep 300"));
        ReattachConfig plugin = startedInPlugin(first, id);
        first.kill9();
        ProcessHandle pluginProcess = ProcessHandle.of(plugin.pid()).orElseThrow();
        pluginProcess.destroyForcibly();
        pluginProcess.onExit().get(30, TimeUnit.SECONDS);
        assertThat(node.containersOf(engine, id)).singleElement().extracting(Container::getState).isEqualTo("running");

        NodeProcess second = node.start();

        PlanItem item = RecoveryScenario.item(second, id);
        assertThat(item.trace().answers()).containsExactly("", "yes", "no", "", "running");
        assertThat(item.trace().evidenceLine()).contains("pid " + plugin.pid() + " is not running", "new plugin");
        assertThat(item.proposed()).isEqualTo(RecoveryAction.REATTACH);
        assertThat(item.status()).isEqualTo(PlanItem.Status.APPLIED);
        Execution execution = second.execution(id);
        assertThat(execution.state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(execution.attempts()).isEqualTo(1);
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).as("never started again").hasSize(1);
    }

    private ReattachConfig startedInPlugin(NodeProcess running, String id) throws InterruptedException {
        Execution execution = running.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, RecoveryScenario.WITHIN);
        ReattachConfig plugin = execution.reattach();
        assertThat(plugin).as("hosted in a dedicated plugin").isNotNull();
        node.remember(plugin.pid());
        return plugin;
    }
}
