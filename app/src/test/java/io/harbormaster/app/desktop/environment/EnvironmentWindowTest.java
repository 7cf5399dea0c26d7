package io.harbormaster.app.desktop.environment;

import io.harbormaster.app.desktop.WindowTests;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.shell.DesktopShell;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
 * The environment screen in the whole window (headless, Monocle) on a node with the test Docker engine: an orphan
 * work dir is shown with its proof, and a confirmed orphan reset removes it and nothing else; a full reset also
 * stops what is live, and still touches nothing that is not the node's.
 */
@ExtendWith(ApplicationExtension.class)
@RequiresDockerEngine
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EnvironmentWindowTest {

    private static final long WAIT_SECONDS = 90;

    @TempDir
    static Path dataDirs;

    private DesktopShell shell;
    private Path orphan;
    private Path kept;

    @Start
    void open(Stage stage) {
        Path dataDir = dataDirs.resolve("node-" + System.nanoTime());
        try {
            orphan = Files.createDirectories(dataDir.resolve("executions").resolve("e-left-by-a-crash"));
            kept = Files.writeString(dataDir.resolve("notes-of-the-operator.txt"), "not the node's");
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        shell = DesktopShell.open(stage, TestNodes.optionsOnTestEngine(dataDir));
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        WindowTests.closeAndWaitUntilStopped(robot, shell);
    }

    @Test
    void aConfirmedOrphanResetRemovesTheOrphanAndNothingElse(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        waitUntil(() -> items(robot).getItems().stream().anyMatch(item -> item.id().equals(orphan.toString())
                && item.ownership() == ResetItem.Ownership.ORPHAN));

        robot.clickOn("#environment-apply");
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText()).contains(orphan.toString());
        robot.clickOn("OK");

        waitUntil(() -> !Files.exists(orphan));
        waitUntil(() -> shell.environment().outcomes().stream().anyMatch(line -> line.startsWith("REMOVED work-dir")));
        assertThat(shell.environment().outcomes()).allMatch(line -> line.contains(orphan.toString()));
        assertThat(kept).exists();
        assertThat(Files.exists(orphan.getParent())).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConfirmedFullResetStopsTheLiveServiceAndRemovesWhatItUsed(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        ComputeNode node = shell.embeddedNode().node().orElseThrow();
        String service = node.submit(TestNodes.wasmJob("full-reset-service", "service", "ticker")).execution().id();
        waitUntil(() -> node.get(service).map(e -> e.state() == ExecutionState.RUNNING).orElse(false));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        ChoiceBox<ResetMode> mode = robot.lookup("#environment-mode").queryAs(ChoiceBox.class);
        robot.interact(() -> mode.setValue(ResetMode.FULL));
        waitUntil(() -> items(robot).getItems().stream().anyMatch(item -> item.ownership() == ResetItem.Ownership.LIVE
                && item.id().contains(service)));

        robot.clickOn("#environment-apply");
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .content").queryLabeled().getText()).contains(service)
                .contains(orphan.toString());
        robot.clickOn("OK");

        waitUntil(() -> node.get(service).map(e -> e.state() == ExecutionState.CANCELLED).orElse(false));
        waitUntil(() -> !Files.exists(orphan));
        assertThat(kept).as("not the node's: never touched, even by a full reset").exists();
    }

    private static TableView<ResetItem> items(FxRobot robot) {
        return robot.lookup("#environment-items").queryTableView();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
