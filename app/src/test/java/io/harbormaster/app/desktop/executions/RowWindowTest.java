package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class RowWindowTest {

    private static ObservableList<String> rows(int count) {
        return FXCollections.observableArrayList(IntStream.range(0, count).mapToObj(i -> "r" + i).toList());
    }

    private static void assertMatches(RowWindow<String> window, ObservableList<String> source, int capacity) {
        int start = window.start();
        assertThat(start).isBetween(0, Math.max(0, source.size() - capacity));
        assertThat(window.rows()).containsExactlyElementsOf(
                source.subList(start, Math.min(source.size(), start + capacity)));
    }

    @Test
    void aShortListIsShownWhole() {
        ObservableList<String> source = rows(40);
        RowWindow<String> window = new RowWindow<>(source, 100);

        assertThat(window.windowed()).isFalse();
        assertThat(window.rows()).containsExactlyElementsOf(source);
        assertThat(window.moveTo(30)).isZero();
        assertThat(window.start()).isZero();
    }

    @Test
    void movingKeepsTheWindowInsideTheList() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);

        assertThat(window.windowed()).isTrue();
        assertThat(window.moveTo(500)).isEqualTo(500);
        assertThat(window.rows().get(0)).isEqualTo("r500");
        window.moveTo(5_000);
        assertThat(window.start()).isEqualTo(900);
        assertThat(window.rows()).hasSize(100).endsWith("r999");
        window.centreOn(0);
        assertThat(window.start()).isZero();
        window.centreOn(450);
        assertThat(window.start()).isEqualTo(400);
        assertThat(window.localIndexOf(450)).isEqualTo(50);
        assertThat(window.localIndexOf(399)).isEqualTo(-1);
        assertThat(window.localIndexOf(500)).isEqualTo(-1);
    }

    @Test
    void rowsArrivingBeforeTheWindowShiftItSoTheSameRowsStayShown() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(300);
        List<String> before = List.copyOf(window.rows());
        List<ListChangeListener.Change<? extends String>> changes = new ArrayList<>();
        window.rows().addListener((ListChangeListener<String>) changes::add);

        source.add(0, "newest");

        assertThat(window.start()).isEqualTo(301);
        assertThat(window.rows()).containsExactlyElementsOf(before);
        assertThat(changes).as("the table is not told of a change it does not show").isEmpty();
    }

    @Test
    void aRowReplacedInsideTheWindowIsOneSetAndOutsideItNothing() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(200);
        List<String> kinds = new ArrayList<>();
        window.rows().addListener((ListChangeListener<String>) change -> {
            while (change.next()) {
                kinds.add(change.wasReplaced() ? "replaced " + change.getFrom() + "-" + change.getTo() : "other");
            }
        });

        source.set(250, "r250 again");
        source.set(10, "r10 again");

        assertThat(kinds).containsExactly("replaced 50-51");
        assertThat(window.rows().get(50)).isEqualTo("r250 again");
        assertMatches(window, source, 100);
    }

    @Test
    void removalsInsideTheWindowAreToppedUpFromBelow() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(200);

        source.remove(210);
        assertMatches(window, source, 100);
        assertThat(window.rows()).hasSize(100).endsWith("r300");

        source.remove(0, 5);
        assertThat(window.start()).isEqualTo(195);
        assertMatches(window, source, 100);
    }

    @Test
    void aWindowAtTheEndStaysFullWhenRowsGo() {
        ObservableList<String> source = rows(300);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(200);

        source.remove(250);
        assertMatches(window, source, 100);
        assertThat(window.start()).isEqualTo(199);

        source.remove(0, 250);
        assertThat(window.windowed()).isFalse();
        assertMatches(window, source, 100);
    }

    @Test
    void aWholeNewListResetsOnlyWhatIsShown() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(950);

        source.setAll(rows(120));
        assertMatches(window, source, 100);
        assertThat(window.start()).isEqualTo(20);

        source.setAll(List.of());
        assertThat(window.rows()).isEmpty();
        source.addAll(rows(100_000));
        assertMatches(window, source, 100);
        assertThat(window.rows()).hasSize(100);
    }

    @Test
    void everyChangeOfTheSourceLeavesTheWindowEqualToItsSlice() {
        Random random = new Random(7);
        ObservableList<String> source = rows(500);
        RowWindow<String> window = new RowWindow<>(source, 60);
        int made = 0;
        for (int step = 0; step < 5_000; step++) {
            int size = source.size();
            switch (random.nextInt(8)) {
                case 0 -> source.add(random.nextInt(size + 1), "n" + made++);
                case 1 -> {
                    if (size > 0) {
                        source.remove(random.nextInt(size));
                    }
                }
                case 2 -> {
                    if (size > 0) {
                        source.set(random.nextInt(size), "s" + made++);
                    }
                }
                case 3 -> {
                    int from = random.nextInt(size + 1);
                    source.remove(from, Math.min(size, from + random.nextInt(80)));
                }
                case 4 -> source.addAll(random.nextInt(size + 1),
                        IntStream.range(0, random.nextInt(90)).mapToObj(i -> "b" + i).toList());
                case 5 -> window.moveTo(random.nextInt(size + 1) - 10);
                case 6 -> {
                    if (random.nextInt(20) == 0) {
                        source.setAll(rows(random.nextInt(400)));
                    }
                }
                default -> FXCollections.sort(source);
            }
            assertMatches(window, source, 60);
        }
    }

    @Test
    void aListThatReplacesTheSourceCanBeShownAroundAGivenRowInOneSwap() {
        ObservableList<String> source = rows(1_000);
        RowWindow<String> window = new RowWindow<>(source, 100);
        window.moveTo(900);
        List<Integer> changes = new ArrayList<>();
        window.rows().addListener((ListChangeListener<String>) change -> changes.add(1));

        window.centreOnNextChange(10);
        source.setAll(rows(5_000).subList(0, 2_000));

        assertMatches(window, source, 100);
        assertThat(window.start()).as("centred on row 10 as near as the top allows").isZero();
        assertThat(changes).as("one swap, in its steps").hasSize(3);

        // once only: the change after that keeps the window where it is (clamped to the shorter list)
        window.moveTo(1_500);
        window.centreOnNextChange(700);
        source.setAll(rows(2_000));
        assertThat(window.start()).isEqualTo(650);
        source.setAll(rows(1_200));
        assertThat(window.start()).isEqualTo(650);
        assertMatches(window, source, 100);

        // a list arriving where there was none is placed so too
        source.clear();
        window.centreOnNextChange(400);
        source.addAll(rows(1_000));
        assertThat(window.start()).isEqualTo(350);
        assertMatches(window, source, 100);
        assertThatThrownBy(() -> window.centreOnNextChange(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowHoldsAtLeastOneRow() {
        assertThatThrownBy(() -> new RowWindow<>(rows(3), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
