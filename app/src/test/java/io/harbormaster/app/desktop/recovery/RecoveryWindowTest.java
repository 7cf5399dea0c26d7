package io.harbormaster.app.desktop.recovery;

import io.harbormaster.app.desktop.WindowTests;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.shell.DesktopShell;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryGraph;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Group;
import javafx.scene.control.ComboBox;
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
 * The recovery screen in the whole window (headless, Monocle), on a node restarted over a batch it lost: the
 * wizard opens by itself and applies everything in one click, the path is drawn lit, and an override chosen in the window is what the node stores, with the operator as author.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RecoveryWindowTest {

    private static final long WAIT_SECONDS = 90;

    @TempDir
    static Path dataDirs;

    private DesktopShell shell;
    private String lostBatch;

    @Start
    void open(Stage stage) throws TimeoutException {
        Path dataDir = dataDirs.resolve("node-" + System.nanoTime());
        ComputeNode before = TestNodes.start(dataDir);
        try {
            lostBatch = before.submit(TestNodes.wasmJob("lost", "batch", "ticker")).execution().id();
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                    () -> before.get(lostBatch).map(e -> e.state() == ExecutionState.RUNNING).orElse(false));
        } finally {
            before.shutdown(false);
        }
        shell = DesktopShell.open(stage, TestNodes.options(dataDir));
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        WindowTests.closeAndWaitUntilStopped(robot, shell);
    }

    @Test
    void theRecoveryScreenOpenedFromTheWizardShowsTheLostBatchsPathLitDownToFail(FxRobot robot)
            throws TimeoutException {
        waitUntil(() -> robot.lookup("#wizard-open-screen").tryQuery().isPresent());

        robot.clickOn("#wizard-open-screen");

        waitUntil(() -> lit(robot, "#flow-" + RecoveryGraph.actionNode(RecoveryAction.FAIL).replace(':', '-')));
        // in-process wasm persists no reattach details: the path goes to "New plugin", not "Is plugin responding?"
        assertThat(lit(robot, "#flow-" + RecoveryGraph.HAVE_REATTACH)).isTrue();
        assertThat(lit(robot, "#flow-" + RecoveryGraph.NEW_PLUGIN)).isTrue();
        assertThat(lit(robot, "#flow-" + RecoveryGraph.PLUGIN_RESPONDING)).isFalse();
        assertThat(lit(robot, "#flow-" + RecoveryGraph.actionNode(RecoveryAction.REATTACH).replace(':', '-'))).isFalse();
        assertThat(robot.lookup(".flow-evidence").queryAll()).isNotEmpty();
    }

    @Test
    void anOverrideChosenInTheWindowIsStoredWithTheOperatorAsAuthor(FxRobot robot) throws TimeoutException {
        waitUntil(() -> robot.lookup("#wizard-close").tryQuery().isPresent());
        robot.clickOn("#wizard-close");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil(() -> shell.recovery().selectedProperty().get() != null);

        ComboBox<RecoveryAction> choice = robot.lookup("#recovery-override-choice").queryComboBox();
        robot.interact(() -> choice.setValue(RecoveryAction.CANCEL));
        robot.clickOn("#recovery-override");

        waitUntil(() -> stored().chosen() == RecoveryAction.CANCEL);
        assertThat(stored().status()).isEqualTo(PlanItem.Status.APPROVED);
        assertThat(stored().decidedBy()).isEqualTo(RecoveryViewModel.localOperator());
    }

    @Test
    void theWizardOpensByItselfAndAcceptAllAppliesThePlan(FxRobot robot) throws TimeoutException {
        waitUntil(() -> robot.lookup("#wizard-accept-all").tryQuery().isPresent());
        assertThat(robot.lookup("#wizard-headline").queryLabeled().getText())
                .startsWith("Clean restart").contains("1 execution was live");

        robot.clickOn("#wizard-accept-all");

        waitUntil(() -> stored().status() == PlanItem.Status.APPLIED);
        assertThat(stored().chosen()).isEqualTo(RecoveryAction.FAIL);
        waitUntil(() -> robot.lookup("#wizard-report").queryTextInputControl().getText().contains("APPLIED"));
        assertThat(shell.embeddedNode().node().orElseThrow().get(lostBatch).orElseThrow().state())
                .isEqualTo(ExecutionState.FAILED);
    }

    @Test
    void reviewingInTheWizardOverridesByGroupAppliesWithProgressAndReports(FxRobot robot) throws TimeoutException {
        waitUntil(() -> robot.lookup("#wizard-review").tryQuery().isPresent());

        robot.clickOn("#wizard-review");

        waitUntil(() -> robot.lookup("#wizard-group-title").queryLabeled().getText()
                .startsWith("Group 1 of 1: FAIL proposed for 1 execution"));
        ComboBox<RecoveryAction> choice = robot.lookup("#wizard-choice").queryComboBox();
        assertThat(choice.getItems()).containsExactlyInAnyOrderElementsOf(stored().allowed());
        robot.interact(() -> choice.setValue(RecoveryAction.CANCEL));
        robot.clickOn("#wizard-choose");
        waitUntil(() -> stored().chosen() == RecoveryAction.CANCEL);
        waitUntil(() -> robot.lookup("#wizard-review-items").<WizardReview.Row>queryListView().getItems().stream()
                .anyMatch(row -> row.line().contains("chosen CANCEL (APPROVED")));

        robot.clickOn("#wizard-apply");

        waitUntil(() -> robot.lookup("#wizard-report-page").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        assertThat(robot.lookup("#wizard-progress-text").queryLabeled().getText()).isEqualTo("Applied 1 of 1");
        assertThat(robot.lookup("#wizard-report").queryTextInputControl().getText())
                .contains(lostBatch + ": proposed FAIL, chosen CANCEL, APPLIED by " + RecoveryViewModel.localOperator());
        assertThat(shell.embeddedNode().node().orElseThrow().get(lostBatch).orElseThrow().state())
                .isEqualTo(ExecutionState.CANCELLED);
    }

    private PlanItem stored() {
        return shell.embeddedNode().node().orElseThrow().recovery().plan().orElseThrow().item(lostBatch).orElseThrow();
    }

    /** True when the box drawn for a graph node carries the lit style (its shape is the group's first child). */
    private static boolean lit(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery()
                .map(node -> ((Group) node).getChildren().get(0).getStyleClass().contains("lit")).orElse(false);
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }
}
