package io.harbormaster.app.desktop.executions;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.TestNodes;
import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.store.MapDbExecutionStore;
import java.time.Instant;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The executions screen's logic on a real node, without a window: background work and events run on the test thread. */
@Timeout(120)
class ExecutionsViewModelTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;
    private final BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
    private NodeService.Subscription subscription;
    private ExecutionsViewModel viewModel;

    @BeforeEach
    void startNode() {
        node = TestNodes.start(dataDir);
        subscription = node.subscribe(events::add);
        viewModel = new ExecutionsViewModel(BackgroundTasks.inline());
    }

    @AfterEach
    void stopNode() {
        subscription.close();
        node.shutdown(true);
    }

    @Test
    void attachLoadsEveryExecutionAlreadyInTheStore() throws InterruptedException {
        String first = node.submit(TestNodes.wasmJob("one", "batch", "hello")).execution().id();
        String second = node.submit(TestNodes.wasmJob("two", "batch", "hello")).execution().id();

        viewModel.attach(node);

        assertThat(viewModel.visibleRows()).extracting(ExecutionRow::id).containsExactlyInAnyOrder(first, second);
        assertThat(viewModel.loadingProperty().get()).isFalse();
        assertThat(viewModel.summaryProperty().get()).isEqualTo("2 executions");
    }

    @Test
    void aLargeStoreIsLoadedInPagesUntilEveryExecutionIsInTheTable() {
        JobSpec spec = node.validate(TestNodes.wasmJob("many", "batch", "hello")).spec();
        Instant start = Instant.now().minusSeconds(10_000);
        List<Execution> many = new ArrayList<>();
        for (int n = 0; n < 6_200; n++) {
            Instant at = start.plusMillis(n);
            many.add(Execution.accepted(String.format("e-many-%05d", n), "j-many", spec, at)
                    .transitioned(ExecutionState.COMPLETED, "exit 0", at, 0).withExitCode(0));
        }
        ((MapDbExecutionStore) node.store()).createAll(many);

        viewModel.attach(node);

        assertThat(viewModel.totalRows()).isEqualTo(6_200);
        assertThat(viewModel.completeProperty().get()).isTrue();
        assertThat(viewModel.visibleRows()).extracting(ExecutionRow::id).doesNotHaveDuplicates();
        assertThat(viewModel.summaryProperty().get()).isEqualTo("6200 executions");
    }

    @Test
    void eventsCarryARowToItsFinalStateAndTellTheFinishListener() throws InterruptedException {
        viewModel.attach(node);
        List<ExecutionRow> finished = new ArrayList<>();
        viewModel.addFinishListener(finished::add);

        String id = node.submit(TestNodes.wasmJob("hello", "batch", "hello")).execution().id();
        pumpUntil(() -> row(id) != null && row(id).state() == ExecutionState.COMPLETED);

        assertThat(row(id).exitCode()).isZero();
        assertThat(row(id).engine()).isEqualTo("wasm");
        assertThat(finished).extracting(ExecutionRow::id).containsExactly(id);
    }

    @Test
    void searchAndStateFilterNarrowTheRowsAndTheSummarySaysHowMany() throws InterruptedException {
        node.submit(TestNodes.wasmJob("alpha", "batch", "hello"));
        String beta = node.submit(TestNodes.wasmJob("beta", "batch", "exit-with-code")).execution().id();
        viewModel.attach(node);
        pumpUntil(() -> viewModel.visibleRows().stream().allMatch(r -> r.state().isTerminal()));
        viewModel.attach(node);

        viewModel.searchProperty().set("BETA");
        assertThat(viewModel.visibleRows()).extracting(ExecutionRow::id).containsExactly(beta);
        assertThat(viewModel.summaryProperty().get()).isEqualTo("1 of 2 executions");

        viewModel.searchProperty().set("");
        viewModel.stateFilterProperty().set(StateFilter.COMPLETED);
        assertThat(viewModel.visibleRows()).extracting(ExecutionRow::jobName).containsExactly("alpha");
    }

    @Test
    void aNewSearchTellsTheViewWhereTheSelectedExecutionIsInItsRows() throws InterruptedException {
        String alpha = node.submit(TestNodes.wasmJob("alpha", "batch", "hello")).execution().id();
        String beta = node.submit(TestNodes.wasmJob("beta", "batch", "hello")).execution().id();
        viewModel.attach(node);
        List<Integer> told = new ArrayList<>();
        viewModel.setBeforeNewResults(told::add);

        viewModel.selectedIdProperty().set(alpha);
        viewModel.searchProperty().set("alpha");
        viewModel.searchProperty().set("beta");
        viewModel.searchProperty().set("");

        // newest first: beta above alpha when both are shown
        assertThat(told).containsExactly(0, -1, 1);
        assertThat(viewModel.visibleRows()).extracting(ExecutionRow::id).containsExactly(beta, alpha);
    }

    @Test
    void cancelSelectedStopsARunningServiceAndRecordsItCancelled() throws InterruptedException {
        viewModel.attach(node);
        String id = node.submit(TestNodes.wasmJob("ticker", "service", "ticker")).execution().id();
        pumpUntil(() -> row(id) != null && row(id).state() == ExecutionState.RUNNING);

        viewModel.selectedIdProperty().set(id);
        viewModel.cancelSelected();

        assertThat(row(id).state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(node.get(id).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(viewModel.messageProperty().get()).isEqualTo("Cancelled " + id);
    }

    @Test
    void aChangeThatLandsWhileItsExecutionIsBeingReadIsReadAgain() {
        List<Runnable> background = new ArrayList<>();
        List<Runnable> ui = new ArrayList<>();
        ExecutionsViewModel model = new ExecutionsViewModel(new BackgroundTasks(background::add, ui::add));
        model.attach(node);
        drain(background, ui);
        String id = node.submit(TestNodes.wasmJob("ticker", "service", "ticker")).execution().id();
        waitForState(id, ExecutionState.RUNNING);

        model.refresh(id);
        runAll(background); // the read sees RUNNING; its answer waits for the UI thread
        node.cancel(id, "test");
        model.refresh(id); // the CANCELLED event arrives before that answer is applied
        drain(background, ui);

        ExecutionRow shown = model.visibleRows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        assertThat(shown.state()).isEqualTo(ExecutionState.CANCELLED);
    }

    private void waitForState(String id, ExecutionState state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.get(id).orElseThrow().state() != state) {
            assertThat(System.nanoTime()).as("%s reaches %s", id, state).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void runAll(List<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
    }

    private static void drain(List<Runnable> background, List<Runnable> ui) {
        while (!background.isEmpty() || !ui.isEmpty()) {
            runAll(background);
            runAll(ui);
        }
    }

    @Test
    void rerunSelectedStartsANewExecutionOfTheSameJob() throws InterruptedException {
        viewModel.attach(node);
        String id = node.submit(TestNodes.wasmJob("hello", "batch", "hello")).execution().id();
        pumpUntil(() -> row(id) != null && row(id).state().isTerminal());

        viewModel.selectedIdProperty().set(id);
        viewModel.rerunSelected();

        assertThat(viewModel.totalRows()).isEqualTo(2);
        String again = viewModel.visibleRows().stream().map(ExecutionRow::id).filter(other -> !other.equals(id))
                .findFirst().orElseThrow();
        assertThat(node.get(again).orElseThrow().jobId()).isEqualTo(node.get(id).orElseThrow().jobId());
        pumpUntil(() -> row(again).state() == ExecutionState.COMPLETED);
    }

    @Test
    void detailsShowTheSelectedExecutionsHistoryAndLog() throws InterruptedException {
        viewModel.attach(node);
        String id = node.submit(TestNodes.wasmJob("hello", "batch", "hello")).execution().id();
        pumpUntil(() -> row(id) != null && row(id).state() == ExecutionState.COMPLETED);

        viewModel.selectedIdProperty().set(id);

        ExecutionDetailsViewModel details = viewModel.details();
        assertThat(details.titleProperty().get()).isEqualTo("hello — " + id);
        assertThat(details.logProperty().get()).contains("hello from wasm");
        assertThat(details.history()).anySatisfy(line -> assertThat(line).contains("RUNNING → COMPLETED"));
        assertThat(details.specProperty().get()).contains("hello.wasm");
        assertThat(details.liveProperty().get()).isFalse();
    }

    private ExecutionRow row(String id) {
        return viewModel.visibleRows().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    /** Hands node events to the ViewModel on this thread, as the FX adapter would, until {@code done}. */
    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s for the ViewModel to catch up").isLessThan(deadline);
            NodeEvent event = events.poll(200, TimeUnit.MILLISECONDS);
            if (event != null) {
                viewModel.onEvent(event);
            }
        }
    }
}
