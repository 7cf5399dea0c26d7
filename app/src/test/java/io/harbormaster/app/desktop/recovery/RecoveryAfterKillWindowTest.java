package io.harbormaster.app.desktop.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.shell.DesktopShell;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.executors.docker.CrashableNode;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard over a store left by a real {@code kill -9}: a node in a JVM of its own runs a wasm service in its
 * dedicated plugin process and a wasm batch inside itself, and is killed with SIGKILL. The window's node finds the
 * service still running in the plugin (REATTACH) and the batch gone (FAIL); with approval {@code ask} both wait,
 * so one click on "Accept all and apply" applies the whole plan. The node process needs a Docker engine to start
 * (it probes one), hence {@link RequiresDockerEngine}.
 */
@RequiresDockerEngine
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RecoveryAfterKillWindowTest {

    private static final long WAIT_SECONDS = 120;

    @TempDir
    static Path dataDirs;

    private CrashableNode crashable;
    private DesktopShell shell;
    private String service;
    private String batch;
    private long pluginPid;

    @Start
    void killANodeThenOpenTheWindow(Stage stage) throws IOException, InterruptedException {
        Path dataDir = dataDirs.resolve("node-" + System.nanoTime()).resolve("data");
        TestNodes.writeDefaultPlacementConfig(dataDir);
        crashable = new CrashableNode(dataDir, System.getenv(RequiresDockerEngine.HOST_VARIABLE));
        NodeProcess before = crashable.start();
        service = before.submit(TestNodes.wasmJob("kept-service", "service", "ticker"));
        batch = before.submit(TestNodes.wasmJob("lost-batch", "batch", "ticker"));
        Execution running = before.awaitExecution(service,
                e -> e.state() == ExecutionState.RUNNING && e.reattach() != null, Duration.ofSeconds(WAIT_SECONDS));
        pluginPid = running.reattach().pid();
        crashable.remember(pluginPid);
        before.awaitExecution(batch, e -> e.state() == ExecutionState.RUNNING, Duration.ofSeconds(WAIT_SECONDS));

        before.kill9();

        shell = DesktopShell.open(stage, TestNodes.keepingConfig(dataDir).approval("ask").build());
    }

    @AfterEach
    void closeEverything(FxRobot robot) throws IOException {
        try {
            if (shell != null) {
                robot.interact(() -> shell.close(true));
                waitUntil(() -> shell.embeddedNode().status().state() == NodeState.STOPPED
                        || shell.embeddedNode().status().state() == NodeState.FAILED);
            }
        } catch (TimeoutException stuck) {
            throw new AssertionError("the window's node did not stop", stuck);
        } finally {
            // the killed node's plugin, whatever the test did: by its pid and start time, never by name
            if (crashable != null) {
                crashable.close();
            }
        }
    }

    @Test
    void acceptAllAfterAKillReattachesTheServiceAndFailsTheLostBatch(FxRobot robot) throws TimeoutException {
        waitUntil(() -> robot.lookup("#wizard-accept-all").tryQuery().isPresent());
        assertThat(robot.lookup("#wizard-headline").queryLabeled().getText())
                .startsWith("Crash detected").contains("2 executions were live");
        assertThat(item(service).proposed()).isEqualTo(RecoveryAction.REATTACH);
        assertThat(item(batch).proposed()).isEqualTo(RecoveryAction.FAIL);

        robot.clickOn("#wizard-accept-all");

        waitUntil(() -> item(service).status().isFinished() && item(batch).status().isFinished());
        assertThat(item(service).status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(item(service).chosen()).isEqualTo(RecoveryAction.REATTACH);
        assertThat(item(batch).status()).isEqualTo(PlanItem.Status.APPLIED);
        assertThat(node().get(batch).orElseThrow().state()).isEqualTo(ExecutionState.FAILED);
        assertThat(node().get(service).orElseThrow().state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(ProcessHandle.of(pluginPid).map(ProcessHandle::isAlive))
                .as("the service's plugin, kept across the kill").contains(true);
        waitUntil(() -> robot.lookup("#wizard-report").queryTextInputControl().getText().contains("Crash detected"));
    }

    private ComputeNode node() {
        return shell.embeddedNode().node().orElseThrow();
    }

    private PlanItem item(String executionId) {
        return node().recovery().plan().orElseThrow().item(executionId).orElseThrow();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
