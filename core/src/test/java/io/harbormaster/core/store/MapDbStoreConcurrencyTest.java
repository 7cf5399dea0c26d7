package io.harbormaster.core.store;

import static io.harbormaster.core.execution.ExecutionState.COMPLETED;
import static io.harbormaster.core.execution.ExecutionState.RUNNING;
import static io.harbormaster.core.execution.ExecutionState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapDbStoreConcurrencyTest {

    private static final int THREADS = 16;
    private static final int PER_THREAD = 15;

    @TempDir
    Path dir;

    @Test
    void transitionsFromSixteenThreadsAreAllDurableAndCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        String id = "t" + thread + "-" + i;
                        store.create(StoreFixtures.accepted(id));
                        store.transition(id, 1, Transition.to(STARTING, "start"));
                        store.transition(id, 2, Transition.to(RUNNING, "up"));
                        if (i % 3 != 0) {
                            store.transition(id, 3, Transition.exited(COMPLETED, 0, "exit 0"));
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        try (MapDbExecutionStore reopened = MapDbExecutionStore.open(dir)) {
            int total = THREADS * PER_THREAD;
            int running = THREADS * ((PER_THREAD + 2) / 3);
            assertThat(reopened.countByState()).containsEntry(RUNNING, running)
                    .containsEntry(COMPLETED, total - running);
            assertThat(reopened.inStates(java.util.Set.of(RUNNING))).hasSize(running);
            assertThat(reopened.history("t7-4")).hasSize(4);
        }
        assertThat(StoreInvariants.assertEveryExecutionInExactlyOneState(dir)).isEqualTo(THREADS * PER_THREAD);
    }

    @Test
    void racingWritersOnOneRevisionLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            store.create(StoreFixtures.accepted("e-1"));
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger wins = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ExecutionState to = t % 2 == 0 ? STARTING : ExecutionState.CANCELLED;
                done.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.transition("e-1", 1, Transition.to(to, "race"));
                        wins.incrementAndGet();
                    } catch (RevisionConflictException e) {
                        conflicts.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : done) {
                future.get();
            }

            assertThat(wins).hasValue(1);
            assertThat(conflicts).hasValue(THREADS - 1);
            assertThat(store.get("e-1").orElseThrow().revision()).isEqualTo(2);
            assertThat(store.history("e-1")).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
