package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mapdb.DBException;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupCommitWriterTest {

    private final CountDownLatch firstCommitMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private volatile boolean failCommits;

    private final GroupCommitWriter writer = new GroupCommitWriter(new GroupCommitWriter.Transaction() {
        @Override
        public void flush() {
        }

        @Override
        public void commit() {
            if (commits.incrementAndGet() == 1) {
                firstCommitStarted.countDown();
                await(firstCommitMayFinish);
            }
            if (failCommits) {
                throw new DBException.VolumeIOError("disk gone", null);
            }
        }

        @Override
        public void rollback() {
            rollbacks.incrementAndGet();
        }
    }, new ReentrantLock(), Duration.ZERO, 1_000, () -> { });

    private final ExecutorService callers = Executors.newFixedThreadPool(11);

    @AfterEach
    void stopWriter() {
        firstCommitMayFinish.countDown();
        writer.stop();
        callers.shutdownNow();
    }

    @Test
    void writesQueuedDuringACommitShareTheNextOneAndAFailureStaysWithItsCaller() throws Exception {
        writer.start();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> writer.submit(() -> 0), callers);
        firstCommitStarted.await();
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int value = i;
            queued.add(CompletableFuture.supplyAsync(() -> writer.submit(() -> {
                if (value == 5) {
                    throw new RevisionConflictException("e-5", 1, 2);
                }
                return value;
            }), callers));
        }
        while (writer.pending() < 10) {
            Thread.sleep(5);
        }
        firstCommitMayFinish.countDown();

        assertThat(first.get()).isZero();
        for (int i = 1; i <= 10; i++) {
            CompletableFuture<Integer> result = queued.get(i - 1);
            if (i == 5) {
                assertThatThrownBy(result::join).hasCauseInstanceOf(RevisionConflictException.class);
            } else {
                assertThat(result.get()).isEqualTo(i);
            }
        }
        assertThat(commits).hasValue(2);
    }

    @Test
    void aFailedCommitFailsEveryWriteOfTheBatchAndRollsBack() {
        firstCommitMayFinish.countDown();
        failCommits = true;
        writer.start();

        assertThatThrownBy(() -> writer.submit(() -> 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("could not commit");
        assertThat(rollbacks).hasValue(1);
        failCommits = false;
        assertThat(writer.submit(() -> 2)).isEqualTo(2);
    }

    @Test
    void submitAfterStopFailsClearly() {
        writer.start();
        writer.stop();

        assertThatThrownBy(() -> writer.submit(() -> 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
