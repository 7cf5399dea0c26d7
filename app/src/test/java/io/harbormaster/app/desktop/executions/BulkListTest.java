package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class BulkListTest {

    @Test
    void setAllIsOneReplacementWithEveryRemovedRow() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1, 2, 3));
        List<String> changes = record(list);

        list.setAll(List.of(7, 8));

        assertThat(list).containsExactly(7, 8);
        assertThat(changes).containsExactly("replaced [1, 2, 3] by [7, 8] at 0");
    }

    @Test
    void addAllIsOneAdditionAtTheEnd() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1, 2));
        List<String> changes = record(list);

        assertThat(list.addAll(List.of(3, 4, 5))).isTrue();
        assertThat(list.addAll(List.of())).isFalse();

        assertThat(list).containsExactly(1, 2, 3, 4, 5);
        assertThat(changes).containsExactly("added [3, 4, 5] at 2");
    }

    @Test
    void settingNothingOverNothingSaysNothing() {
        BulkList<Integer> list = new BulkList<>();
        List<String> changes = record(list);

        list.setAll(List.of());
        list.clear();

        assertThat(changes).isEmpty();
    }

    @Test
    void aViewOfTheListCanReplaceIt() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1, 2, 3, 4));

        list.setAll(list.subList(1, 3));

        assertThat(list).containsExactly(2, 3);
    }

    @Test
    void inStepsTheOldRowsButTheFirstGoThenTheNewOnesComeThenTheFirstGoes() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1, 2, 3));
        List<String> sizes = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) change -> sizes.add(String.valueOf(list.size())));
        List<String> changes = record(list);

        list.setAllInSteps(List.of(7, 8));

        assertThat(list).containsExactly(7, 8);
        assertThat(changes).containsExactly("removed [2, 3] at 1", "added [7, 8] at 1", "removed [1] at 0");
        // each change is told with the list as it stands after that change, never empty
        assertThat(sizes).containsExactly("1", "3", "2");
    }

    @Test
    void inStepsAShortListOrAnEmptyReplacementIsOneChange() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1));
        List<String> changes = record(list);

        list.setAllInSteps(List.of(4, 5));
        list.setAllInSteps(List.of());
        list.setAllInSteps(List.of());

        assertThat(list).isEmpty();
        assertThat(changes).containsExactly("replaced [1] by [4, 5] at 0", "removed [4, 5] at 0");
    }

    @Test
    void inStepsAViewOfTheListCanReplaceIt() {
        BulkList<Integer> list = new BulkList<>();
        list.setAll(List.of(1, 2, 3, 4));

        list.setAllInSteps(list.subList(1, 3));

        assertThat(list).containsExactly(2, 3);
    }

    /**
     * Random edits of every kind, each followed by a check that a copy kept only from the changes the list
     * reported equals it: what the table and the row window rely on.
     */
    @Test
    void listenersCanFollowEveryEditFromItsChanges() {
        Random random = new Random(42);
        BulkList<Integer> list = new BulkList<>();
        List<Integer> model = new ArrayList<>();
        List<Integer> mirror = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) change -> {
            while (change.next()) {
                if (change.wasPermutated()) {
                    throw new AssertionError("no edit here permutes");
                }
                mirror.subList(change.getFrom(), change.getFrom() + change.getRemovedSize()).clear();
                mirror.addAll(change.getFrom(), change.getAddedSubList());
            }
        });
        for (int step = 0; step < 5_000; step++) {
            int next = random.nextInt(1_000_000);
            switch (random.nextInt(8)) {
                case 7 -> {
                    List<Integer> rows = IntStream.range(0, random.nextInt(50)).map(i -> random.nextInt(1_000)).boxed().toList();
                    list.setAllInSteps(rows);
                    model.clear();
                    model.addAll(rows);
                }
                case 0 -> {
                    List<Integer> rows = IntStream.range(0, random.nextInt(50)).map(i -> random.nextInt(1_000)).boxed().toList();
                    list.setAll(rows);
                    model.clear();
                    model.addAll(rows);
                }
                case 1 -> {
                    List<Integer> rows = IntStream.range(0, random.nextInt(5)).boxed().toList();
                    list.addAll(rows);
                    model.addAll(rows);
                }
                case 2 -> {
                    int at = random.nextInt(model.size() + 1);
                    list.add(at, next);
                    model.add(at, next);
                }
                case 3 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        assertThat(list.set(at, next)).isEqualTo(model.set(at, next));
                    }
                }
                case 4 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        assertThat(list.remove(at)).isEqualTo(model.remove(at));
                    }
                }
                case 5 -> {
                    if (!model.isEmpty()) {
                        int from = random.nextInt(model.size());
                        int to = from + random.nextInt(model.size() - from + 1);
                        list.remove(from, to);
                        model.subList(from, to).clear();
                    }
                }
                default -> {
                    list.clear();
                    model.clear();
                }
            }
            assertThat(list).as("step %d", step).isEqualTo(model);
            assertThat(mirror).as("step %d", step).isEqualTo(model);
        }
    }

    private static List<String> record(ObservableList<Integer> list) {
        List<String> changes = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) change -> {
            while (change.next()) {
                if (change.wasReplaced()) {
                    changes.add("replaced " + change.getRemoved() + " by " + change.getAddedSubList() + " at " + change.getFrom());
                } else if (change.wasAdded()) {
                    changes.add("added " + change.getAddedSubList() + " at " + change.getFrom());
                } else if (change.wasRemoved()) {
                    changes.add("removed " + change.getRemoved() + " at " + change.getFrom());
                }
            }
        });
        return changes;
    }
}
