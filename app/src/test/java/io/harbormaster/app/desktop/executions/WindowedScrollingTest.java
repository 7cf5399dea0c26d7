package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real table (headless window) showing 5,000 rows through a window of 200: scrolled by its own bar,
 * by the mouse wheel across the window's edges, by Home and End, with the selection followed by id.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowedScrollingTest {

    private static final int ROWS = 5_000;
    private static final int CAPACITY = 200;

    private record Item(String id, int version) {
    }

    private final ObservableList<Item> source = FXCollections.observableArrayList(
            IntStream.range(0, ROWS).mapToObj(i -> new Item("i" + i, 0)).toList());
    private final List<Item> selections = new ArrayList<>();
    private TableView<Item> table;
    private RowWindow<Item> window;
    private ScrollBar bar;
    /** How many times a row that showed an item was taken to no item. */
    private int rowsEmptied;
    /** How many times a row was given an index. */
    private int indexUpdates;

    @Start
    void open(Stage stage) {
        table = new TableView<>();
        TableColumn<Item, String> id = new TableColumn<>("Id");
        id.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().id()));
        id.setPrefWidth(200);
        table.getColumns().add(id);
        table.setFixedCellSize(24);
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            public void updateIndex(int index) {
                if (index < 0 && getIndex() >= 0) {
                    rowsEmptied++;
                }
                indexUpdates++;
                super.updateIndex(index);
            }
        });
        window = new RowWindow<>(source, CAPACITY);
        bar = new ScrollBar();
        new WindowedScrolling<>(table, window, bar, 30, Item::id);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                selections.add(now);
            }
        });
        HBox box = new HBox(table, bar);
        HBox.setHgrow(table, Priority.ALWAYS);
        stage.setScene(new Scene(box, 320, 300));
        stage.show();
    }

    /** The items of the rows on screen, top to bottom. */
    private List<Item> shown(FxRobot robot) {
        List<Item> items = new ArrayList<>();
        robot.interact(() -> table.lookupAll(".table-row-cell").stream()
                .map(node -> (TableRow<?>) node)
                .filter(row -> row.isVisible() && row.getItem() != null && row.getIndex() >= 0)
                .sorted(Comparator.comparingDouble(TableRow::getLayoutY))
                .forEach(row -> items.add((Item) row.getItem())));
        return items;
    }

    /** Rows on screen are consecutive rows of the source. */
    private void assertConsecutive(List<Item> items) {
        assertThat(items).isNotEmpty();
        int first = source.indexOf(items.get(0));
        assertThat(items).containsExactlyElementsOf(source.subList(first, first + items.size()));
    }

    @Test
    void theBarCoversEveryRowAndDraggingItToTheEndShowsTheLastOne(FxRobot robot) {
        assertThat(bar.isVisible()).isTrue();
        assertThat(table.getStyleClass()).contains(WindowedScrolling.WINDOWED);
        assertThat(table.getItems()).hasSize(CAPACITY);

        robot.interact(() -> bar.setValue(bar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();

        List<Item> items = shown(robot);
        assertConsecutive(items);
        assertThat(items.get(items.size() - 1).id()).isEqualTo("i" + (ROWS - 1));
        assertThat(window.start()).isEqualTo(ROWS - CAPACITY);

        robot.interact(() -> bar.setValue(2_500));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot).get(0).id()).isEqualTo("i2500");
        assertConsecutive(shown(robot));
    }

    @Test
    void theWheelScrollsOnAcrossTheWindowsEdgeWithoutAJump(FxRobot robot) {
        javafx.scene.Node flow = table.lookup(".virtual-flow");
        int previous = 0;
        for (int notch = 0; notch < 120; notch++) {
            // a wheel notch of 3 lines as the toolkit delivers it (Monocle's robot has no wheel)
            robot.interact(() -> flow.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 100, 100, 100, 100,
                    false, false, false, false, false, false, 0, -120, 0, -120,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.LINES, -3,
                    0, null)));
            WaitForAsyncUtils.waitForFxEvents();
            List<Item> items = shown(robot);
            assertConsecutive(items);
            int first = source.indexOf(items.get(0));
            assertThat(first).as("notch %d", notch).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(previous + 10);
            previous = first;
        }
        assertThat(previous).as("scrolled past the first window").isGreaterThan(CAPACITY);
        assertThat(window.start()).isPositive();
        assertThat(bar.getValue()).isEqualTo(previous);
    }

    @Test
    void theWheelOverTheBarScrollsTheTable(FxRobot robot) {
        for (int notch = 0; notch < 100; notch++) {
            robot.interact(() -> bar.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 5, 5, 5, 5,
                    false, false, false, false, false, false, 0, -72, 0, -72,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.LINES, -3,
                    0, null)));
        }
        WaitForAsyncUtils.waitForFxEvents();

        List<Item> items = shown(robot);
        assertConsecutive(items);
        assertThat(items.get(0).id()).isEqualTo("i300");
        assertThat(bar.getValue()).isEqualTo(300);
    }

    @Test
    void theSelectionFollowsItsRowOutOfTheWindowAndBack(FxRobot robot) {
        robot.interact(() -> {
            bar.setValue(90);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Item chosen = source.get(100);
        robot.clickOn(robot.lookup(".table-row-cell").lookup((TableRow<?> row) -> row.getItem() == chosen)
                .queryAs(TableRow.class));
        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(chosen);
        selections.clear();

        robot.interact(() -> bar.setValue(3_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();

        robot.interact(() -> source.set(100, new Item("i100", 1)));
        robot.interact(() -> bar.setValue(95));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(new Item("i100", 1));
        assertThat(selections).as("no other row was ever selected meanwhile").allMatch(item -> item.id().equals("i100"));
    }

    @Test
    void homeAndEndGoToTheEndsOfTheWholeList(FxRobot robot) {
        robot.clickOn(robot.lookup(".table-row-cell").lookup((TableRow<?> row) -> row.getIndex() == 2)
                .queryAs(TableRow.class));

        robot.type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("i" + (ROWS - 1));
        assertThat(shown(robot)).contains(source.get(ROWS - 1));
        assertThat(bar.getValue()).isGreaterThanOrEqualTo(bar.getMax() - 1);

        robot.type(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("i" + (ROWS - 2));

        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("i0");
        assertThat(shown(robot).get(0).id()).isEqualTo("i0");
        assertThat(bar.getValue()).isZero();
    }

    @Test
    void rowsArrivingBelowAFullWindowLengthenTheBar(FxRobot robot) {
        double before = bar.getMax();

        robot.interact(() -> source.addAll(IntStream.range(ROWS, ROWS + 1_000).mapToObj(i -> new Item("i" + i, 0)).toList()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.rows()).hasSize(CAPACITY);
        assertThat(bar.getMax()).isEqualTo(before + 1_000);
        robot.interact(() -> bar.setValue(bar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        List<Item> items = shown(robot);
        assertThat(items.get(items.size() - 1).id()).isEqualTo("i" + (ROWS + 999));
    }

    @Test
    void aJumpRightAfterTheWindowGrewLandsWhereTheBarSays(FxRobot robot) {
        List<Item> rest = List.copyOf(source.subList(100, ROWS));
        robot.interact(() -> source.remove(100, ROWS));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).hasSize(100);

        // the rows arrive and the operator jumps to the end in the same event, before the table lays out
        // its new rows: the flow still counts the 100 it last laid out
        robot.interact(() -> {
            source.addAll(rest);
            bar.setValue(bar.getMax());
        });
        WaitForAsyncUtils.waitForFxEvents();

        List<Item> items = shown(robot);
        assertConsecutive(items);
        assertThat(items.get(items.size() - 1).id()).isEqualTo("i" + (ROWS - 1));
        // the bar follows the first row on screen, part-shown at the end
        assertThat(bar.getValue()).isGreaterThanOrEqualTo(bar.getMax() - 1);
    }

    @Test
    void aNewListIsShownInTheSameRowsWithoutEmptyingThem(FxRobot robot) {
        robot.interact(() -> rowsEmptied = 0);

        // as a filter's result comes: as many rows, then fewer than the window holds
        robot.interact(() -> source.setAll(IntStream.range(0, ROWS).mapToObj(i -> new Item("n" + i, 0)).toList()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot).get(0).id()).isEqualTo("n0");
        assertConsecutive(shown(robot));
        robot.interact(() -> source.setAll(IntStream.range(0, 150).mapToObj(i -> new Item("m" + i, 0)).toList()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot).get(0).id()).isEqualTo("m0");
        assertConsecutive(shown(robot));

        // a table that empties its rows builds each again (restyled, its text set twice) in the next layout
        assertThat(rowsEmptied).isZero();
    }

    @Test
    void aListOfAnotherLengthGivesEachRowOnScreenItsNewRowOnce(FxRobot robot) {
        int onScreen = shown(robot).size();
        robot.interact(() -> indexUpdates = 0);

        robot.interact(() -> source.setAll(IntStream.range(0, 150).mapToObj(i -> new Item("m" + i, 0)).toList()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot).get(0).id()).isEqualTo("m0");
        assertConsecutive(shown(robot));
        // laid out twice in the frame (as JavaFX's flow does when its row count changes), each row on screen
        // would take its index twice and be styled twice
        assertThat(indexUpdates).isBetween(onScreen, onScreen + 1);
    }

    @Test
    void aNewListLeavesNoOtherRowSelected(FxRobot robot) {
        robot.interact(() -> table.getSelectionModel().clearAndSelect(5));
        assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo("i5");
        selections.clear();

        robot.interact(() -> source.setAll(IntStream.range(0, ROWS).mapToObj(i -> new Item("n" + i, 0)).toList()));
        WaitForAsyncUtils.waitForFxEvents();

        // the rows come in steps: the selection must not wander from row to row through them
        assertThat(selections).isEmpty();
        assertThat(table.getSelectionModel().getSelectedItem()).isNull();
    }

    @Test
    void aListThatShrinksBelowTheWindowIsShownWholeUnderTheSameBar(FxRobot robot) {
        robot.interact(() -> source.setAll(List.copyOf(source.subList(0, 50))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getItems()).hasSize(50);
        assertThat(table.getStyleClass()).contains(WindowedScrolling.WINDOWED);
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getMax() + bar.getVisibleAmount()).isEqualTo(50);

        robot.interact(() -> bar.setValue(bar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        List<Item> items = shown(robot);
        assertThat(items.get(items.size() - 1).id()).isEqualTo("i49");

        // the table scrolled by itself (as by the wheel or keys) takes the bar with it
        robot.interact(() -> table.scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.getValue()).isZero();
    }

    @Test
    void aListThatFitsOnScreenHidesTheBarButKeepsItsPlace(FxRobot robot) {
        double width = table.getWidth();

        robot.interact(() -> source.setAll(List.copyOf(source.subList(0, 3))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(bar.isVisible()).isFalse();
        assertThat(bar.isManaged()).isTrue();
        assertThat(table.getWidth()).isEqualTo(width);
        assertThat(table.getStyleClass()).contains(WindowedScrolling.WINDOWED);

        robot.interact(() -> source.setAll(IntStream.range(0, ROWS).mapToObj(i -> new Item("i" + i, 1)).toList()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.isVisible()).isTrue();
        assertThat(table.getWidth()).isEqualTo(width);
    }
}
