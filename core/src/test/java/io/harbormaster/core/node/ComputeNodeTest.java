package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.store.ExecutionStore;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.store.StoreLockedException;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComputeNodeTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    private ComputeNode startNode() {
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false).build());
        return node;
    }

    @Test
    void batchJobRunsToCompletedWithItsOutputInTheLogFile() throws IOException {
        startNode();
        Execution accepted = node.submit(TestJobs.batch("echo hello from the job")).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.handle()).isNotNull();
        assertThat(Files.readString(node.logs(done.id()).stdout())).contains("hello from the job");
        assertThat(node.history(done.id())).extracting(HistoryEvent::to)
                .containsSubsequence(ExecutionState.PENDING, ExecutionState.STARTING, ExecutionState.RUNNING,
                        ExecutionState.COMPLETED);
    }

    @Test
    void commandsThatEndBeforeTheirStartIsRecordedStillComplete() {
        startNode();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(node.submit(TestJobs.batch("true")).execution().id());
        }

        ids.forEach(id -> assertThat(awaitTerminal(id).state()).as(id).isEqualTo(ExecutionState.COMPLETED));
    }

    @Test
    void nonZeroExitIsRecordedAsFailedWithItsCode() {
        startNode();
        Execution accepted = node.submit(TestJobs.batch("echo broken >&2; exit 3")).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.exitCode()).isEqualTo(3);
        assertThat(done.reason()).contains("code 3");
    }

    @Test
    void cancellingARunningServiceStopsItsProcessAndRecordsCancelled() {
        startNode();
        Execution accepted = node.submit(TestJobs.service("sleep 300")).execution();
        awaitState(accepted.id(), ExecutionState.RUNNING);

        Execution cancelled = node.cancel(accepted.id(), "operator asked");

        assertThat(cancelled.state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(cancelled.reason()).isEqualTo("operator asked");
        assertThat(node.executors().forType("docker").orElseThrow().owned()).isEmpty();
    }

    @Test
    void executionTimeoutFailsTheExecutionAndStopsIt() {
        startNode();
        Execution accepted = node.submit(TestJobs.batchWithTimeout("sleep 300", 1)).execution();

        Execution done = awaitTerminal(accepted.id());

        assertThat(done.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(done.reason()).contains("timeout");
        await(() -> node.executors().forType("docker").orElseThrow().owned().isEmpty());
    }

    @Test
    void invalidSpecIsRefusedAndNothingIsStored() {
        startNode();
        assertThatThrownBy(() -> node.submit("Name: x\nType: batch\nTasks: []\n"))
                .isInstanceOf(SpecInvalidException.class);
        assertThat(node.list(Set.of(), 10)).isEmpty();
    }

    @Test
    void eventsReportEveryStateChangeInOrder() {
        startNode();
        List<NodeEvent> seen = new CopyOnWriteArrayList<>();
        node.subscribe(seen::add);
        Execution accepted = node.submit(TestJobs.batch("true")).execution();
        awaitTerminal(accepted.id());

        await(() -> seen.stream().anyMatch(e -> e.state() == ExecutionState.COMPLETED));
        assertThat(seen).extracting(NodeEvent::sequence).isSorted();
        assertThat(seen).filteredOn(e -> accepted.id().equals(e.executionId())).extracting(NodeEvent::state)
                .containsExactly(ExecutionState.PENDING, ExecutionState.STARTING, ExecutionState.RUNNING,
                        ExecutionState.COMPLETED);
    }

    @Test
    void pendingExecutionsFoundAtStartAreStarted() {
        startNode();
        Execution template = node.submit(TestJobs.batch("true")).execution();
        awaitTerminal(template.id());
        node.shutdown(false);
        node = null;
        try (ExecutionStore store = MapDbExecutionStore.open(new DataDirectory(dataDir).storeDir())) {
            store.create(Execution.accepted("e-left-pending", "j-left", template.spec(), Instant.now()));
        }

        startNode();

        assertThat(awaitTerminal("e-left-pending").state()).isEqualTo(ExecutionState.COMPLETED);
    }

    @Test
    void detachingLeavesTheExecutionRunningAndStopExecutionsEndsIt() {
        startNode();
        Execution accepted = node.submit(TestJobs.service("sleep 300")).execution();
        awaitState(accepted.id(), ExecutionState.RUNNING);

        node.shutdown(false);
        node = startNode();

        assertThat(node.executors().forType("docker").orElseThrow().owned())
                .as("the service survived the detach").hasSize(1);
        assertThat(node.get(accepted.id()).orElseThrow().state()).isEqualTo(ExecutionState.RUNNING);
        node.shutdown(true);
        node = startNode();
        assertThat(node.get(accepted.id()).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(node.executors().forType("docker").orElseThrow().owned()).isEmpty();
    }

    @Test
    void retentionPrunesOldFinishedExecutionsWithTheirFilesButNeverLiveOnes() throws IOException {
        startNode();
        Execution template = node.submit(TestJobs.batch("echo kept")).execution();
        awaitTerminal(template.id());
        node.shutdown(false);
        node = null;
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        try (ExecutionStore store = MapDbExecutionStore.open(new DataDirectory(dataDir).storeDir())) {
            Execution old = Execution.accepted("e-old-finished", "j-old", template.spec(), longAgo);
            store.create(old.transitioned(ExecutionState.STARTING, "start", longAgo, 0)
                    .transitioned(ExecutionState.COMPLETED, "exit 0", longAgo, 0));
            Execution oldLive = Execution.accepted("e-old-live", "j-old-live", template.spec(), longAgo);
            store.create(oldLive.transitioned(ExecutionState.STARTING, "start", longAgo, 0));
        }
        Path oldFiles = Files.createDirectories(dataDir.resolve("executions").resolve("e-old-finished"));
        Files.writeString(oldFiles.resolve("stdout.log"), "old output");

        startNode().applyRetention();

        assertThat(node.get("e-old-finished")).isEmpty();
        assertThat(oldFiles).doesNotExist();
        assertThat(node.get("e-old-live")).isPresent();
        assertThat(node.get(template.id())).as("recent finished work is kept").isPresent();
    }

    @Test
    void secondNodeOnTheSameDataDirIsRefusedNamingThePid() {
        startNode();
        assertThatThrownBy(() -> ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false).build()))
                .isInstanceOf(StoreLockedException.class)
                .hasMessageContaining("in use by pid " + ProcessHandle.current().pid());
    }

    private Execution awaitTerminal(String id) {
        await(() -> node.get(id).map(e -> e.state().isTerminal()).orElse(false));
        return node.get(id).orElseThrow();
    }

    private void awaitState(String id, ExecutionState state) {
        await(() -> node.get(id).map(e -> e.state() == state).orElse(false));
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }
}
