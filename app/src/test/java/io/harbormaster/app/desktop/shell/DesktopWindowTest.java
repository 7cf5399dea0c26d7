package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.WindowTests;
import static io.harbormaster.app.desktop.WindowTests.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.store.MapDbExecutionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
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
    private Path dataDir;

    @Start
    void open(Stage stage) {
        dataDir = dataDirs.resolve("node-" + System.nanoTime());
        shell = DesktopShell.open(stage, TestNodes.options(dataDir));
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        WindowTests.closeAndWaitUntilStopped(robot, shell);
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
        waitUntil(() -> logLines(robot).contains("hello from wasm"));
        assertThat(robot.lookup("#details-title").queryAs(Label.class).getText()).contains(row.id());
        // read on the FX thread: a row replaced by its newer copy is unselected and selected again within one
        // change there, which a reader on another thread can see half done
        assertThat(onFx(() -> Optional.ofNullable(table(robot).getSelectionModel().getSelectedItem()).map(ExecutionRow::id)))
                .contains(row.id());
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
        waitUntil(() -> logLines(robot).stream().anyMatch(line -> line.startsWith("tick")));

        // the table's items change before its cells are laid out: wait for the row cell the operator would click,
        // looked up on the FX thread (each update of the running row lays the table's rows out again there)
        List<TableRow<ExecutionRow>> ticker = new java.util.ArrayList<>();
        waitUntil(() -> onFx(() -> tableRow(robot, "ticker-in-window")).map(ticker::add).orElse(false));
        robot.clickOn(ticker.get(0));
        robot.clickOn("#cancel-execution");

        waitUntil(() -> row(robot, "ticker-in-window").map(r -> r.state() == ExecutionState.CANCELLED).orElse(false));
        String id = row(robot, "ticker-in-window").orElseThrow().id();
        assertThat(shell.embeddedNode().node().orElseThrow().get(id).orElseThrow().state())
                .isEqualTo(ExecutionState.CANCELLED);
    }

    @Test
    void shortcutsSwitchScreensAndClosingAsksBeforeStoppingExecutions(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.READY);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        assertThat(robot.lookup("#nav-submit").queryAs(ToggleButton.class).isSelected()).isTrue();
        robot.interact(() -> editor(robot).setText(TestNodes.wasmJob("ticker-at-close", "service", "ticker")));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> row(robot, "ticker-at-close").map(r -> r.state() == ExecutionState.RUNNING).orElse(false));
        String id = row(robot, "ticker-at-close").orElseThrow().id();

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("1 execution is still live.").tryQuery().isPresent());
        robot.clickOn(dialogButton(robot, "Cancel"));
        assertThat(shell.embeddedNode().status().state()).isEqualTo(NodeState.READY);

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(dialogButton(robot, "Stop executions"));

        waitUntil(() -> shell.embeddedNode().status().state() == NodeState.STOPPED);
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dataDir.resolve("store"))) {
            assertThat(store.get(id).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        }
    }

    /** The table's rendered row showing {@code jobName}, as the operator would click it; empty until it is drawn. */
    @SuppressWarnings("unchecked")
    private static Optional<TableRow<ExecutionRow>> tableRow(FxRobot robot, String jobName) {
        return robot.lookup("#executions-table").lookup(".table-row-cell")
                .match((TableRow<ExecutionRow> row) -> row.getItem() != null && jobName.equals(row.getItem().jobName())
                        && row.isVisible() && row.getHeight() > 0)
                .tryQuery();
    }

    /** A button of the open dialog; the window has a Cancel button of its own. */
    private static Button dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane").lookup(".button").match((Button button) -> text.equals(button.getText()))
                .query();
    }

    @SuppressWarnings("unchecked")
    private static List<String> logLines(FxRobot robot) {
        return List.copyOf(robot.lookup("#details-log").queryAs(ListView.class).getItems());
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
