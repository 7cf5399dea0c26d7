package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real table (headless window) whose rows report to a {@link RepaintGuard}: the pixel changes in the
 * pulse after the table's cells moved, and leaves it alone in pulses in which no cell moved.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RepaintGuardTest {

    private final RepaintGuard guard = new RepaintGuard();
    private TableView<String> table;
    private Scene scene;

    @Start
    void open(Stage stage) {
        table = new TableView<>();
        TableColumn<String, String> id = new TableColumn<>("Id");
        id.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue()));
        table.getColumns().add(id);
        table.setFixedCellSize(24);
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            public void updateIndex(int index) {
                super.updateIndex(index);
                guard.cellsMoved();
            }
        });
        table.getItems().setAll(rows("a", 100));
        scene = new Scene(new VBox(table, guard.node()), 300, 400);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void thePixelChangesInThePulseAfterCellsMovedAndOnlyThen(FxRobot robot) throws Exception {
        assertThat(guard.node().getScene()).isSameAs(scene);
        settle();
        int before = guard.nudges();
        double opacity = WaitForAsyncUtils.asyncFx(() -> guard.node().getOpacity()).get(30, TimeUnit.SECONDS);

        robot.interact(() -> table.getItems().setAll(rows("b", 100)));
        runPulses(5);

        assertThat(guard.nudges()).isGreaterThan(before);
        assertThat(guard.node().getOpacity()).isNotEqualTo(opacity);

        // pulses in which no cell moves leave the pixel alone
        int after = guard.nudges();
        runPulses(5);
        assertThat(guard.nudges()).isEqualTo(after);
    }

    /** Runs {@code count} pulses (an animation asks for each) and waits for them. */
    private void runPulses(int count) throws Exception {
        AtomicInteger frames = new AtomicInteger();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        WaitForAsyncUtils.asyncFx(timer::start).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> frames.get() >= count);
        WaitForAsyncUtils.asyncFx(timer::stop).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Lets the first layouts, and the pulse after them, run. */
    private void settle() throws Exception {
        runPulses(5);
    }

    private static List<String> rows(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
