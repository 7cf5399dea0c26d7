package io.harbormaster.app.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
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
 * The whole window on a real embedded node, driven like an operator would (headless, Monocle): the
 * submit screen, the executions table, the details pane and the cancel action.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DesktopWindowTest {

    private static final long WAIT_SECONDS = 90;

    @TempDir
    static Path dataDirs;

    private DesktopShell shell;

    @Start
    void open(Stage stage) {
        shell = DesktopShell.open(stage, TestNodes.options(dataDirs.resolve("node-" + System.nanoTime())));
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        robot.interact(() -> shell.close(true));
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.STOPPED
                || shell.embeddedNode().status().state() == NodeState.FAILED);
    }

    @Test
    void aWasmJobSubmittedFromTheSubmitScreenCompletesInTheTableWithItsLog(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        robot.clickOn("#nav-submit");
        robot.interact(() -> editor(robot).setText(TestNodes.wasmJob("hello-from-window", "batch", "hello")));

        robot.clickOn("#submit-job");

        waitUntil(() -> row(robot, "hello-from-window").map(r -> r.state() == ExecutionState.COMPLETED).orElse(false));
        assertThat(robot.lookup("#nav-executions").queryAs(ToggleButton.class).isSelected()).isTrue();
        ExecutionRow row = row(robot, "hello-from-window").orElseThrow();
        assertThat(row.exitCode()).isZero();
        waitUntil(() -> robot.lookup("#details-log").queryAs(TextArea.class).getText().contains("hello from wasm"));
        assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).contains(row.id());
        assertThat(table(robot).getSelectionModel().getSelectedItem().id()).isEqualTo(row.id());
    }

    @Test
    void aValidationErrorIsShownAtItsLine(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        robot.clickOn("#nav-submit");

        robot.interact(() -> editor(robot).setText("""
                Name: broken
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Imagee: busybox
                """));

        waitUntil(() -> robot.lookup("#problem-line-8").tryQuery().isPresent());
        ListView<?> problems = robot.lookup("#spec-problems").queryAs(ListView.class);
        assertThat(problems.getItems()).anySatisfy(problem -> assertThat(problem.toString())
                .startsWith("line 8: Tasks[0].Engine.Params.Imagee"));
        assertThat(robot.lookup("#problem-line-2").tryQuery()).as("a line without a problem stays unmarked").isEmpty();

        robot.interact(() -> problems.getSelectionModel().select(0));
        assertThat(editor(robot).getSelectedText()).contains("Imagee: busybox");
        assertThat(shell.executions().totalRows()).isZero();
    }

    @Test
    void aRunningServiceIsCancelledFromTheTable(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        robot.clickOn("#nav-submit");
        robot.interact(() -> editor(robot).setText(TestNodes.wasmJob("ticker-in-window", "service", "ticker")));
        robot.clickOn("#submit-job");
        waitUntil(() -> row(robot, "ticker-in-window").map(r -> r.state() == ExecutionState.RUNNING).orElse(false));
        waitUntil(() -> robot.lookup("#details-log").queryAs(TextArea.class).getText().contains("tick"));

        robot.clickOn("ticker-in-window");
        robot.clickOn("#cancel-execution");

        waitUntil(() -> row(robot, "ticker-in-window").map(r -> r.state() == ExecutionState.CANCELLED).orElse(false));
        String id = row(robot, "ticker-in-window").orElseThrow().id();
        assertThat(shell.embeddedNode().node().orElseThrow().get(id).orElseThrow().state())
                .isEqualTo(ExecutionState.CANCELLED);
    }

    private static TextArea editor(FxRobot robot) {
        return robot.lookup("#job-editor").queryAs(TextArea.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<ExecutionRow> table(FxRobot robot) {
        return robot.lookup("#executions-table").queryAs(TableView.class);
    }

    /** The row as the table shows it; empty while the table is not on screen or has no such row yet. */
    @SuppressWarnings("unchecked")
    private static Optional<ExecutionRow> row(FxRobot robot, String jobName) {
        return robot.lookup("#executions-table").tryQuery().flatMap(table -> ((TableView<ExecutionRow>) table)
                .getItems().stream().filter(r -> r.jobName().equals(jobName)).findFirst());
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
