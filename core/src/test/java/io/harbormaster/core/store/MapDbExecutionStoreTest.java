package io.harbormaster.core.store;

import static io.harbormaster.core.execution.ExecutionState.CANCELLED;
import static io.harbormaster.core.execution.ExecutionState.COMPLETED;
import static io.harbormaster.core.execution.ExecutionState.FAILED;
import static io.harbormaster.core.execution.ExecutionState.PENDING;
import static io.harbormaster.core.execution.ExecutionState.RUNNING;
import static io.harbormaster.core.execution.ExecutionState.STARTING;
import static io.harbormaster.core.store.StoreFixtures.accepted;
import static io.harbormaster.core.store.StoreFixtures.acceptedNth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.execution.IllegalTransitionException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDbExecutionStoreTest {

    @TempDir
    Path dir;

    private MapDbExecutionStore store;

    @BeforeEach
    void openStore() {
        store = MapDbExecutionStore.open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void createStoresRevisionOneAndGetReturnsIt() {
        Execution created = store.create(accepted("e-1"));

        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.state()).isEqualTo(PENDING);
        assertThat(store.get("e-1")).contains(created);
        assertThat(store.get("nope")).isEmpty();
    }

    @Test
    void createRefusesADuplicateId() {
        store.create(accepted("e-1"));

        assertThatThrownBy(() -> store.create(accepted("e-1"))).isInstanceOf(DuplicateExecutionException.class);
        assertThat(store.countByState()).containsEntry(PENDING, 1);
    }

    @Test
    void createRefusesAnIdWithTheKeySeparator() {
        assertThatThrownBy(() -> store.create(accepted("a|b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transitionWithAStaleRevisionFailsWithTheActualRevision() {
        store.create(accepted("e-1"));
        store.transition("e-1", 1, Transition.to(STARTING, "start"));

        assertThatThrownBy(() -> store.transition("e-1", 1, Transition.to(CANCELLED, "cancel")))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.actualRevision()).isEqualTo(2));
        assertThat(store.get("e-1").orElseThrow().state()).isEqualTo(STARTING);
    }

    @Test
    void transitionOfAnUnknownExecutionFails() {
        assertThatThrownBy(() -> store.transition("ghost", 1, Transition.to(STARTING, "start")))
                .isInstanceOf(UnknownExecutionException.class);
    }

    @Test
    void terminalStatesNeverChangeAgain() {
        store.create(accepted("e-1"));
        store.transition("e-1", 1, Transition.to(CANCELLED, "operator"));

        for (ExecutionState to : ExecutionState.values()) {
            assertThatThrownBy(() -> store.transition("e-1", 2, Transition.recovery(to, "try")))
                    .isInstanceOf(IllegalTransitionException.class);
        }
        assertThat(store.get("e-1").orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void pendingCannotJumpToRunning() {
        store.create(accepted("e-1"));

        assertThatThrownBy(() -> store.transition("e-1", 1, Transition.to(RUNNING, "skip")))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.inStates(Set.of(PENDING))).extracting(Execution::id).containsExactly("e-1");
    }

    @Test
    void rerunEdgeIsOpenOnlyToRecoveryAndCountsAttempts() {
        store.create(accepted("e-1"));
        store.transition("e-1", 1, Transition.to(STARTING, "start"));
        Execution running = store.transition("e-1", 2, Transition.to(RUNNING, "up"));
        assertThat(running.attempts()).isEqualTo(1);

        assertThatThrownBy(() -> store.transition("e-1", 3, Transition.to(STARTING, "again")))
                .isInstanceOf(IllegalTransitionException.class);
        Execution rerun = store.transition("e-1", 3, Transition.recovery(STARTING, "lost during restart"));

        assertThat(rerun.attempts()).isEqualTo(2);
        assertThat(rerun.state()).isEqualTo(STARTING);
        assertThat(store.history("e-1")).last().satisfies(event -> {
            assertThat(event.from()).isEqualTo(RUNNING);
            assertThat(event.to()).isEqualTo(STARTING);
            assertThat(event.attempt()).isEqualTo(2);
        });
    }

    @Test
    void exitCodeIsRecordedWithTheTransition() {
        store.create(accepted("e-1"));
        store.transition("e-1", 1, Transition.to(STARTING, "start"));

        Execution failed = store.transition("e-1", 2, Transition.exited(FAILED, 3, "exit 3"));

        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(store.get("e-1")).contains(failed);
    }

    @Test
    void historyIsAppendedInOrder() {
        store.create(accepted("e-1"));
        store.transition("e-1", 1, Transition.to(STARTING, "start"));
        store.update("e-1", 2, e -> e.withHandle(ExecutorHandle.of("docker", Map.of("container", "c1"))), "handle");
        store.transition("e-1", 3, Transition.to(RUNNING, "up"));
        store.transition("e-1", 4, Transition.exited(COMPLETED, 0, "exit 0"));

        List<HistoryEvent> history = store.history("e-1");

        assertThat(history).extracting(HistoryEvent::reason).containsExactly("accepted", "start", "handle", "up", "exit 0");
        assertThat(history).extracting(HistoryEvent::to).containsExactly(PENDING, STARTING, STARTING, RUNNING, COMPLETED);
        assertThat(history.get(0).from()).isNull();
        assertThat(history.get(2).from()).as("a note keeps the state").isEqualTo(STARTING);
    }

    @Test
    void updateChangesOtherFieldsAndBumpsTheRevision() {
        store.create(accepted("e-1"));
        ExecutorHandle handle = ExecutorHandle.of("docker", Map.of("container", "c1"));

        Execution updated = store.update("e-1", 1, e -> e.withHandle(handle), null);

        assertThat(updated.revision()).isEqualTo(2);
        assertThat(updated.handle()).isEqualTo(handle);
        assertThat(store.get("e-1")).contains(updated);
        assertThat(store.history("e-1")).hasSize(1);
    }

    @Test
    void updateRefusesToChangeTheState() {
        store.create(accepted("e-1"));
        Execution other = accepted("e-1").transitioned(STARTING, "sneaky", Instant.now(), 1);

        assertThatThrownBy(() -> store.update("e-1", 1, e -> other, "note"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transition()");
        assertThat(store.get("e-1").orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void updateWithAStaleRevisionConflicts() {
        store.create(accepted("e-1"));
        store.update("e-1", 1, e -> e.withExitCode(1), null);

        assertThatThrownBy(() -> store.update("e-1", 1, e -> e.withExitCode(2), null))
                .isInstanceOf(RevisionConflictException.class);
    }

    @Test
    void inStatesReturnsOnlyThoseStatesOldestFirst() {
        for (int n = 0; n < 6; n++) {
            store.create(acceptedNth(n));
        }
        store.transition("e-00004", 1, Transition.to(STARTING, "start"));
        store.transition("e-00001", 1, Transition.to(STARTING, "start"));
        store.transition("e-00001", 2, Transition.to(RUNNING, "up"));
        store.transition("e-00003", 1, Transition.to(CANCELLED, "no"));

        assertThat(store.inStates(Set.of(STARTING, RUNNING))).extracting(Execution::id)
                .containsExactly("e-00001", "e-00004");
        assertThat(store.inStates(Set.of(PENDING))).extracting(Execution::id)
                .containsExactly("e-00000", "e-00002", "e-00005");
        assertThat(store.inStates(Set.of())).isEmpty();
    }

    @Test
    void listIsNewestFirstLimitedAndFiltered() {
        for (int n = 0; n < 10; n++) {
            store.create(acceptedNth(n));
        }
        for (int n = 0; n < 10; n += 2) {
            store.transition(acceptedNth(n).id(), 1, Transition.to(CANCELLED, "no"));
        }

        assertThat(store.list(Set.of(), 3)).extracting(Execution::id).containsExactly("e-00009", "e-00008", "e-00007");
        assertThat(store.list(Set.of(CANCELLED), 2)).extracting(Execution::id).containsExactly("e-00008", "e-00006");
        assertThat(store.list(Set.of(CANCELLED, PENDING), 4)).extracting(Execution::id)
                .containsExactly("e-00009", "e-00008", "e-00007", "e-00006");
        assertThat(store.list(Set.of(), 100)).hasSize(10);
    }

    @Test
    void listBeforeWalksTheWholeStoreNewestFirstInPages() {
        for (int n = 0; n < 10; n++) {
            store.create(acceptedNth(n));
        }

        List<Execution> first = store.listBefore(null, 4);
        List<Execution> second = store.listBefore(first.get(first.size() - 1), 4);
        List<Execution> last = store.listBefore(second.get(second.size() - 1), 4);

        assertThat(first).extracting(Execution::id).containsExactly("e-00009", "e-00008", "e-00007", "e-00006");
        assertThat(second).extracting(Execution::id).containsExactly("e-00005", "e-00004", "e-00003", "e-00002");
        assertThat(last).extracting(Execution::id).containsExactly("e-00001", "e-00000");
        assertThat(store.listBefore(last.get(last.size() - 1), 4)).isEmpty();
    }

    @Test
    void countByStateFollowsEveryTransition() {
        for (int n = 0; n < 5; n++) {
            store.create(acceptedNth(n));
        }
        store.transition("e-00000", 1, Transition.to(STARTING, "start"));
        store.transition("e-00000", 2, Transition.to(RUNNING, "up"));
        store.transition("e-00001", 1, Transition.to(CANCELLED, "no"));

        assertThat(store.countByState()).containsEntry(PENDING, 3).containsEntry(RUNNING, 1)
                .containsEntry(CANCELLED, 1).containsEntry(STARTING, 0).containsEntry(COMPLETED, 0)
                .containsEntry(FAILED, 0);
    }

    @Test
    void reopeningKeepsExecutionsHistoryIndexesAndDecisions() {
        store.create(accepted("e-1"));
        Execution starting = store.transition("e-1", 1, Transition.to(STARTING, "start"));
        store.create(accepted("e-2", StoreFixtures.T0.plusSeconds(1)));
        DecisionRecord decision = store.decisions().append(
                new DecisionRecord(0, StoreFixtures.T0, "plan-1", "e-1", "DECISION", "operator:alice", "reattach"));
        store.close();

        store = MapDbExecutionStore.open(dir);

        assertThat(store.get("e-1")).contains(starting);
        assertThat(store.history("e-1")).hasSize(2);
        assertThat(store.inStates(Set.of(STARTING))).containsExactly(starting);
        assertThat(store.list(Set.of(), 10)).extracting(Execution::id).containsExactly("e-2", "e-1");
        assertThat(store.countByState()).containsEntry(PENDING, 1).containsEntry(STARTING, 1);
        assertThat(store.decisions().read(0, 10)).containsExactly(decision);
    }

    @Test
    void decisionLogNumbersEntriesAndReadsFromASequence() {
        DecisionLog log = store.decisions();
        for (int i = 0; i < 5; i++) {
            log.append(new DecisionRecord(0, StoreFixtures.T0, "plan", "e-" + i, "PLAN", "policy:safe", "d" + i));
        }

        assertThat(log.read(0, 100)).extracting(DecisionRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.read(3, 2)).extracting(DecisionRecord::detail).containsExactly("d2", "d3");
        store.close();
        store = MapDbExecutionStore.open(dir);
        DecisionRecord next = store.decisions().append(
                new DecisionRecord(0, StoreFixtures.T0, "plan", "e-9", "OUTCOME", "policy:safe", "done"));
        assertThat(next.sequence()).isEqualTo(6);
    }

    @Test
    void callsAfterCloseFailClearly() {
        store.create(accepted("e-1"));
        store.close();

        assertThatThrownBy(() -> store.get("e-1")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.create(accepted("e-2"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store.close();
        store = MapDbExecutionStore.open(dir);
    }
}
