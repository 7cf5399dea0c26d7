package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.app.desktop.node.UiThread;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The table's rows without a window: background passes are held in a queue, so the test decides when
 * a filter's result comes back and what changed meanwhile.
 */
@Timeout(30)
class ShownRowsTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final JobSpec SPEC = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker")).parse("""
            Name: nightly
            Type: batch
            Tasks:
              - Name: main
                Engine:
                  Type: docker
                  Params:
                    Image: busybox:1.36
            """).spec();

    private final Queue<Runnable> background = new ArrayDeque<>();
    /** The rows each new query's result held, each told before it was shown: the ids then shown. */
    private final List<String> newResults = new ArrayList<>();
    private final ShownRows rows = new ShownRows(new BackgroundTasks(background::add, UiThread.callingThread()),
            () -> { }, result -> newResults.add(result.stream().map(ExecutionRow::id).toList() + " over " + ids()),
            failed -> { throw failed; });

    @Test
    void olderPagesInTheDefaultOrderAreAddedBelowInOneChange() {
        rows.addNew(List.of(row(9, ExecutionState.COMPLETED), row(8, ExecutionState.FAILED)));
        List<Integer> changes = new ArrayList<>();
        rows.shown().addListener((ListChangeListener<ExecutionRow>) change -> changes.add(1));

        rows.addNew(List.of(row(7, ExecutionState.COMPLETED), row(6, ExecutionState.COMPLETED)));

        assertThat(ids()).containsExactly("e-9", "e-8", "e-7", "e-6");
        assertThat(changes).hasSize(1);
        assertThat(background).as("no background pass for rows that only go below").isEmpty();
    }

    @Test
    void aNewFilterIsShownOnlyWhenItsBackgroundPassReturns() {
        rows.addNew(List.of(row(3, ExecutionState.COMPLETED), row(2, ExecutionState.FAILED), row(1, ExecutionState.FAILED)));

        rows.setQuery(RowQuery.of(StateFilter.FAILED, "", null));

        assertThat(rows.busy()).isTrue();
        assertThat(ids()).containsExactly("e-3", "e-2", "e-1");
        runBackground();
        assertThat(rows.busy()).isFalse();
        assertThat(ids()).containsExactly("e-2", "e-1");
    }

    @Test
    void rowsThatChangeDuringABackgroundPassAreInItsResult() {
        rows.addNew(List.of(row(3, ExecutionState.RUNNING), row(2, ExecutionState.FAILED), row(1, ExecutionState.RUNNING)));
        rows.setQuery(RowQuery.of(StateFilter.FAILED, "", null));

        rows.upsert(row(3, ExecutionState.FAILED));
        rows.upsert(row(2, ExecutionState.COMPLETED));
        rows.upsert(row(4, ExecutionState.FAILED));
        runBackground();

        assertThat(ids()).containsExactly("e-4", "e-3");
        assertThat(rows.total()).isEqualTo(4);
    }

    @Test
    void aChangedRowKeepsItsPlaceOrMovesToWhereTheOrderPutsIt() {
        rows.addNew(List.of(row(3, ExecutionState.RUNNING), row(2, ExecutionState.RUNNING), row(1, ExecutionState.RUNNING)));
        rows.setQuery(RowQuery.of(StateFilter.ALL, "", Comparator.comparing(ExecutionRow::state)));
        runBackground();
        assertThat(ids()).containsExactly("e-3", "e-2", "e-1");

        rows.upsert(row(2, ExecutionState.COMPLETED));
        ExecutionRow before = rows.shown().get(0);
        rows.upsert(row(3, ExecutionState.RUNNING));

        // RUNNING sorts before COMPLETED in the state order; ties newest first
        assertThat(ids()).containsExactly("e-3", "e-1", "e-2");
        assertThat(rows.shown().get(0)).isNotSameAs(before);
    }

    @Test
    void aSearchMatchesEveryWordAnywhereInTheRow() {
        rows.addNew(List.of(row(12, ExecutionState.COMPLETED), row(11, ExecutionState.FAILED), row(2, ExecutionState.FAILED)));

        rows.setQuery(RowQuery.of(StateFilter.ALL, "E-1 failed", null));
        runBackground();

        assertThat(ids()).containsExactly("e-11");
    }

    @Test
    void aQueryChangedDuringAPassIsWorkedOutAgainBeforeAnythingIsShown() {
        rows.addNew(List.of(row(2, ExecutionState.COMPLETED), row(1, ExecutionState.FAILED)));
        rows.setQuery(RowQuery.of(StateFilter.FAILED, "", null));
        rows.setQuery(RowQuery.of(StateFilter.COMPLETED, "", null));

        runBackground();

        assertThat(ids()).containsExactly("e-2");
    }

    @Test
    void theRowsOfANewQueryAreToldBeforeTheyAreShownAndOnlyThem() {
        rows.addNew(List.of(row(5, ExecutionState.COMPLETED), row(3, ExecutionState.FAILED), row(1, ExecutionState.FAILED)));
        assertThat(newResults).as("pages of rows are no new query").isEmpty();

        rows.setQuery(RowQuery.of(StateFilter.ALL, "", Comparator.comparing(ExecutionRow::state)));
        runBackground();
        assertThat(newResults).containsExactly("[e-5, e-3, e-1] over [e-5, e-3, e-1]");

        // an older row out of the new order has the same query worked out again: not a new query
        rows.addNew(List.of(row(0, ExecutionState.COMPLETED)));
        runBackground();
        assertThat(ids()).containsExactly("e-5", "e-0", "e-3", "e-1");
        assertThat(newResults).hasSize(1);

        rows.setQuery(RowQuery.of(StateFilter.FAILED, "", null));
        rows.upsert(row(4, ExecutionState.FAILED));
        runBackground();
        assertThat(newResults).last().isEqualTo("[e-4, e-3, e-1] over [e-5, e-0, e-3, e-1]");

        // no rows over none changes nothing (a list tells its listeners nothing then): not told either
        rows.setQuery(RowQuery.of(StateFilter.ALL, "nothing matches", null));
        runBackground();
        rows.setQuery(RowQuery.of(StateFilter.ALL, "nor this", null));
        runBackground();
        assertThat(newResults).hasSize(3).last().isEqualTo("[] over [e-4, e-3, e-1]");
    }

    @Test
    void aRowIsFoundInTheRowsOfTheQueryByItsOrder() {
        rows.addNew(List.of(row(9, ExecutionState.FAILED), row(7, ExecutionState.COMPLETED), row(5, ExecutionState.FAILED),
                row(3, ExecutionState.COMPLETED), row(1, ExecutionState.FAILED)));
        rows.setQuery(RowQuery.of(StateFilter.FAILED, "", null));
        runBackground();

        assertThat(rows.indexIn(rows.shown(), "e-9")).isZero();
        assertThat(rows.indexIn(rows.shown(), "e-1")).isEqualTo(2);
        assertThat(rows.indexIn(rows.shown(), "e-7")).as("not accepted by the query").isEqualTo(-1);
        assertThat(rows.indexIn(rows.shown(), "e-404")).as("unknown").isEqualTo(-1);
        assertThat(rows.indexIn(rows.shown(), null)).isEqualTo(-1);
        assertThat(rows.indexIn(List.of(), "e-5")).as("accepted but not in the rows given").isEqualTo(-1);
    }

    private void runBackground() {
        for (Runnable work = background.poll(); work != null; work = background.poll()) {
            work.run();
        }
    }

    private List<String> ids() {
        return rows.shown().stream().map(ExecutionRow::id).toList();
    }

    private static ExecutionRow row(int n, ExecutionState state) {
        Instant at = START.plusSeconds(n);
        Execution execution = Execution.accepted(String.format(Locale.ROOT, "e-%d", n), "j-" + n, SPEC, at);
        if (state != ExecutionState.PENDING) {
            execution = execution.transitioned(ExecutionState.STARTING, "starting", at, 1);
        }
        if (state != ExecutionState.PENDING && state != ExecutionState.STARTING) {
            execution = execution.transitioned(ExecutionState.RUNNING, "running", at, 2);
        }
        if (state.isTerminal()) {
            execution = execution.transitioned(state, "done", at.plusSeconds(1), 3);
        }
        return ExecutionRow.of(execution);
    }
}
