package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's third case with real processes: the docker executor hosted in a shared plugin process,
 * the plugin killed while its container runs, and the node killed too. The restarted node finds the
 * plugin dead, asks a fresh in-process docker executor, which finds the container running by label:
 * the execution is reattached and followed to its end, never started again.
 */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerPluginCrashTest {

    private static final Duration TO_THE_END = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private TestEngine engine;
    private CrashableNode node;

    @BeforeEach
    void setUp() throws Exception {
        engine = new TestEngine();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("config.yaml"), """
                executors:
                  docker:
                    placement: shared
                """, StandardCharsets.UTF_8);
        node = new CrashableNode(data, engine.host);
    }

    @AfterEach
    void killProcessesAndRemoveContainers() throws Exception {
        node.close();
        engine.close();
    }

    @Test
    void aContainerOutlivingItsKilledPluginAndNodeIsReattachedByAFreshExecutor() throws Exception {
        Instant since = Instant.now();
        NodeProcess first = node.start();
        String id = first.submit(DockerNodeKillTest.batch("sleep 12; echo outlived the plugin"));
        Execution running = first.awaitExecution(id, e -> e.state() == ExecutionState.RUNNING, TO_THE_END);
        ReattachConfig plugin = running.reattach();
        assertThat(plugin).as("hosted in a plugin").isNotNull();
        assertThat(plugin.pid()).isNotEqualTo(first.pid());
        node.remember(plugin.pid());

        first.kill9();
        ProcessHandle pluginProcess = ProcessHandle.of(plugin.pid()).orElseThrow();
        assertThat(pluginProcess.isAlive()).as("the plugin outlives the node").isTrue();
        pluginProcess.destroyForcibly();
        pluginProcess.onExit().get(30, TimeUnit.SECONDS);
        assertThat(node.containersOf(engine, id)).singleElement().extracting(Container::getState).isEqualTo("running");

        NodeProcess second = node.start();
        Execution done = second.awaitExecution(id, e -> e.state().isTerminal(), TO_THE_END);

        assertThat(done.state()).as(done.reason()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(second.stdoutOf(id)).endsWith("outlived the plugin\n");
        assertThat(second.log()).contains("Execution " + id + ": REATTACH (").contains("new plugin");
        EngineEvents events = new EngineEvents(engine.docker, since);
        assertThat(events.of("create", node.nodeId(), id)).hasSize(1);
        assertThat(events.of("start", node.nodeId(), id)).hasSize(1);
    }
}
