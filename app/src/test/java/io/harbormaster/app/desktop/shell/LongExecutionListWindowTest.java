package io.harbormaster.app.desktop.shell;

import static io.harbormaster.app.desktop.WindowTests.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.WindowTests;
import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.store.MapDbExecutionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
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
 * The executions table on a store longer than the table's window (the table holds 1,000 rows at a
 * time): the bar covers every execution, the oldest one can be reached, selected and shown in the
 * details pane, and a search still finds rows outside the window.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LongExecutionListWindowTest {

    private static final int EXECUTIONS = 2_500;
    private static final long WAIT_SECONDS = 90;

    @TempDir
    static Path dataDirs;

    private DesktopShell shell;

    @Start
    void open(Stage stage) {
        Path dataDir = dataDirs.resolve("node-" + System.nanoTime());
        fill(dataDir.resolve("store"));
        shell = DesktopShell.open(stage, TestNodes.options(dataDir));
    }

    @AfterEach
    void close(FxRobot robot) throws TimeoutException {
        WindowTests.closeAndWaitUntilStopped(robot, shell);
    }

    @Test
    void theOldestOfMoreExecutionsThanTheTableHoldsIsReachedWithTheBarAndShown(FxRobot robot) throws TimeoutException {
        waitOrExplain(() -> shell.embeddedNode().status().state() == NodeState.READY
                && shell.executions().completeProperty().get() && shell.executions().totalRows() == EXECUTIONS);
        waitOrExplain(() -> shell.executions().visibleRows().size() == EXECUTIONS);
        TableView<?> table = robot.lookup("#executions-table").queryAs(TableView.class);
        ScrollBar bar = robot.lookup("#executions-scroll").queryAs(ScrollBar.class);
        assertThat(table.getItems()).hasSizeLessThan(EXECUTIONS);
        assertThat(bar.isVisible()).isTrue();

        // the bar covers every execution once the table has laid out its rows; only then is its maximum the end
        waitOrExplain(() -> onFx(() -> bar.getMax() + bar.getVisibleAmount() == EXECUTIONS && bar.getVisibleAmount() > 1));
        robot.interact(() -> bar.setValue(bar.getMax()));
        waitOrExplain(() -> onFx(() -> shownRow(robot, "e-000000")) != null);
        robot.clickOn(onFx(() -> shownRow(robot, "e-000000")));

        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#details-title").queryAs(Label.class).getText().contains("e-000000"));
        assertThat(shell.executions().selectedIdProperty().get()).isEqualTo("e-000000");

        // a search reaches rows the window did not hold; the table is then short enough to hold them all,
        // under the same bar
        robot.interact(() -> shell.executions().searchProperty().set("e-0012"));
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> shell.executions().visibleRows().size() == 100);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(100);
        assertThat(bar.getMax() + bar.getVisibleAmount()).isEqualTo(100);
    }

    @Test
    void aNewSearchShowsItsRowsFromTheTopOrWithTheSelectedRowWhereItWas(FxRobot robot) throws TimeoutException {
        waitOrExplain(() -> shell.embeddedNode().status().state() == NodeState.READY
                && shell.executions().completeProperty().get() && shell.executions().visibleRows().size() == EXECUTIONS);
        ScrollBar bar = robot.lookup("#executions-scroll").queryAs(ScrollBar.class);
        waitOrExplain(() -> onFx(() -> bar.getMax() + bar.getVisibleAmount() == EXECUTIONS && bar.getVisibleAmount() > 1));
        robot.interact(() -> bar.setValue(1_800));
        waitOrExplain(() -> "e-000699".equals(onFx(() -> screenRow(robot, 0))));

        // nothing selected: the rows of a search show from their top, not from where the table was
        robot.interact(() -> shell.executions().searchProperty().set("e-001"));
        waitOrExplain(() -> "e-001999".equals(onFx(() -> screenRow(robot, 0))));
        assertThat(onFx(bar::getValue)).isZero();

        // one selected on the fourth row on screen, then a search that keeps it further down its rows
        robot.interact(() -> bar.setValue(500));
        waitOrExplain(() -> "e-001499".equals(onFx(() -> screenRow(robot, 0))));
        robot.clickOn(onFx(() -> shownRow(robot, "e-001496")));
        waitOrExplain(() -> "e-001496".equals(shell.executions().selectedIdProperty().get()));
        robot.interact(() -> shell.executions().searchProperty().set(""));
        waitOrExplain(() -> "e-001496".equals(onFx(() -> screenRow(robot, 3))));
        assertThat(onFx(() -> screenRow(robot, 0))).isEqualTo("e-001499");
        assertThat(onFx(() -> selectedInTable(robot))).isEqualTo("e-001496");

        // a search without the selected row shows from its top again
        robot.interact(() -> shell.executions().searchProperty().set("e-002"));
        waitOrExplain(() -> "e-002499".equals(onFx(() -> screenRow(robot, 0))));
        assertThat(shell.executions().selectedIdProperty().get()).as("still the operator's choice").isEqualTo("e-001496");
    }

    @Test
    void assistiveTechnologyIsToldOfEveryExecutionAndReachesAnyOfThem(FxRobot robot) throws TimeoutException {
        waitOrExplain(() -> shell.embeddedNode().status().state() == NodeState.READY
                && shell.executions().completeProperty().get() && shell.executions().visibleRows().size() == EXECUTIONS);
        TableView<?> table = robot.lookup("#executions-table").queryAs(TableView.class);

        assertThat(onFx(() -> table.queryAccessibleAttribute(AccessibleAttribute.ROW_COUNT))).isEqualTo(EXECUTIONS);

        // the oldest execution, outside the table's window: its id cell, at its index in the whole list
        Object cell = onFx(() -> table.queryAccessibleAttribute(AccessibleAttribute.CELL_AT_ROW_COLUMN, EXECUTIONS - 1, 0));
        assertThat(cell).isInstanceOf(TableCell.class);
        assertThat(onFx(() -> ((TableCell<?, ?>) cell).getText())).isEqualTo("e-000000");
        assertThat(onFx(() -> ((TableCell<?, ?>) cell).queryAccessibleAttribute(AccessibleAttribute.ROW_INDEX)))
                .isEqualTo(EXECUTIONS - 1);
        assertThat(onFx(() -> ((TableCell<?, ?>) cell).getTableRow().queryAccessibleAttribute(AccessibleAttribute.INDEX)))
                .isEqualTo(EXECUTIONS - 1);

        // and back to the newest
        Object newest = onFx(() -> table.queryAccessibleAttribute(AccessibleAttribute.CELL_AT_ROW_COLUMN, 0, 0));
        assertThat(onFx(() -> ((TableCell<?, ?>) newest).getText())).isEqualTo(String.format(Locale.ROOT, "e-%06d", EXECUTIONS - 1));
        assertThat(onFx(() -> table.queryAccessibleAttribute(AccessibleAttribute.CELL_AT_ROW_COLUMN, EXECUTIONS, 0))).isNull();
    }

    /** Waits for {@code condition}; on a timeout, fails saying where the window and its node stood, with every thread's stack. */
    private void waitOrExplain(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException timedOut) {
            StringBuilder threads = new StringBuilder();
            for (java.lang.management.ThreadInfo info : java.lang.management.ManagementFactory.getThreadMXBean()
                    .dumpAllThreads(false, false)) {
                threads.append(info.getThreadName()).append(' ').append(info.getThreadState()).append('\n');
                for (StackTraceElement frame : info.getStackTrace()) {
                    threads.append("    at ").append(frame).append('\n');
                }
            }
            throw new AssertionError(String.format(Locale.ROOT,
                    "node %s, loading %s, complete %s, %d rows known, %d shown, message '%s', %s%nthreads:%n%s",
                    shell.embeddedNode().status().state(), shell.executions().loadingProperty().get(),
                    shell.executions().completeProperty().get(), shell.executions().totalRows(),
                    shell.executions().visibleRows().size(), shell.executions().messageProperty().get(),
                    onFx(LongExecutionListWindowTest::tableAndBar), threads),
                    timedOut);
        }
    }

    /** Where the table and its bar stood, read on the FX thread, for a failure's message. */
    private static String tableAndBar() {
        javafx.scene.Node table = javafx.stage.Window.getWindows().get(0).getScene().lookup("#executions-table");
        javafx.scene.Node bar = javafx.stage.Window.getWindows().get(0).getScene().lookup("#executions-scroll");
        if (!(table instanceof TableView<?> rows) || !(bar instanceof ScrollBar scroll)) {
            return "no table or bar in the window";
        }
        String first = rows.getItems().isEmpty() ? "none" : String.valueOf(rows.getItems().get(0));
        String last = rows.getItems().isEmpty() ? "none" : String.valueOf(rows.getItems().get(rows.getItems().size() - 1));
        return String.format(Locale.ROOT, "table %d rows (first %s, last %s, height %.0f), bar %.0f of %.0f (visible %.0f, shown %s)",
                rows.getItems().size(), first, last, rows.getHeight(), scroll.getValue(), scroll.getMax(),
                scroll.getVisibleAmount(), scroll.isVisible());
    }

    /** The id on the {@code row}th row on screen (0 the top one), or null; read on the FX thread. */
    private static String screenRow(FxRobot robot, int row) {
        VirtualFlow<?> flow = robot.lookup("#executions-table").lookup(".virtual-flow").queryAs(VirtualFlow.class);
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first == null || first.getIndex() < 0) {
            return null;
        }
        IndexedCell<?> cell = flow.getVisibleCell(first.getIndex() + row);
        return cell == null || !(cell.getItem() instanceof ExecutionRow execution) ? null : execution.id();
    }

    private static String selectedInTable(FxRobot robot) {
        Object selected = robot.lookup("#executions-table").queryAs(TableView.class).getSelectionModel().getSelectedItem();
        return selected instanceof ExecutionRow execution ? execution.id() : null;
    }

    @SuppressWarnings("unchecked")
    private static TableRow<ExecutionRow> shownRow(FxRobot robot, String id) {
        return robot.lookup("#executions-table").lookup(".table-row-cell")
                .match((TableRow<ExecutionRow> row) -> row.getItem() != null && id.equals(row.getItem().id())
                        && row.isVisible() && row.getHeight() > 0)
                .tryQuery().map(node -> (TableRow<ExecutionRow>) node).orElse(null);
    }

    /** Finished executions, the oldest e-000000, written straight into the store the node then opens. */
    private static void fill(Path storeDir) {
        JobSpec spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker")).parse("""
                Name: long-list
                Type: batch
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: busybox:1.36
                """).spec();
        Instant start = Instant.now().minusSeconds(EXECUTIONS);
        try (MapDbExecutionStore store = MapDbExecutionStore.open(storeDir)) {
            List<Execution> batch = new ArrayList<>();
            for (int n = 0; n < EXECUTIONS; n++) {
                Instant at = start.plusSeconds(n);
                batch.add(Execution.accepted(String.format(Locale.ROOT, "e-%06d", n), "j-" + n, spec, at)
                        .transitioned(ExecutionState.STARTING, "starting", at, 0)
                        .transitioned(ExecutionState.RUNNING, "running", at, 0)
                        .transitioned(ExecutionState.COMPLETED, "exit 0", at.plusMillis(500), 0).withExitCode(0));
            }
            store.createAll(batch);
        }
    }
}
