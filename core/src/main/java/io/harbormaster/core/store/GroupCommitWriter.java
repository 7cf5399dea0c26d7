package io.harbormaster.core.store;

import io.harbormaster.core.HarbormasterException;
import java.io.IOError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's only writer. It takes every queued write, applies each one on its own (a failed
 * compare-and-set fails that caller only), commits the batch once, and only then answers the callers:
 * one commit (one journal fsync) serves every write that arrived while the previous commit ran.
 */
final class GroupCommitWriter {

    /** One write. It must validate everything before its first change, so that failing leaves nothing behind. */
    @FunctionalInterface
    interface Write<T> {
        T apply();
    }

    /** What a batch is committed or rolled back with. */
    interface Transaction {
        /** Last in-memory changes of the batch, made while readers are still held off. */
        void flush();

        /** Makes the batch durable; the callers are answered only after it returns. */
        void commit();

        void rollback();

        /** Nanoseconds until {@link #idle} has work to do if no write comes first; negative for none. */
        default long idleDelayNanos() {
            return -1;
        }

        /** Work deferred from the commits (a MapDB commit behind the journal), done while no write waits. */
        default void idle() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Request<T>(Write<T> write, CompletableFuture<T> result) {

        void apply(List<Runnable> completions) {
            T value = write.apply();
            completions.add(() -> result.complete(value));
        }
    }

    private static final Request<Void> STOP = new Request<>(() -> null, new CompletableFuture<>());

    private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    private final Transaction transaction;
    private final Lock applyLock;
    private final Duration window;
    private final int maxBatch;
    private final Thread thread;
    private final Runnable beforeFirstBatch;
    private final Object submitLock = new Object();
    private boolean stopped;

    /** @param beforeFirstBatch runs on the writer thread before any write: writes queue up, reads go on */
    GroupCommitWriter(Transaction transaction, Lock applyLock, Duration window, int maxBatch,
                      Runnable beforeFirstBatch) {
        this.transaction = transaction;
        this.beforeFirstBatch = beforeFirstBatch;
        this.applyLock = applyLock;
        this.window = window;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "harbormaster-store-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the write and waits until it is committed durably, or has failed. */
    <T> T submit(Write<T> write) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (submitLock) {
            if (stopped) {
                throw new StoreException("The execution store is closed");
            }
            queue.add(new Request<>(write, result));
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the store to commit; the write may or may"
                    + " not be durable: re-read before retrying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StoreException("The store write failed", e.getCause());
        }
    }

    /** Writes waiting for the writer thread. */
    int pending() {
        return queue.size();
    }

    /** Commits everything queued before this call, then stops the thread. */
    void stop() {
        synchronized (submitLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while closing the store", e);
        }
    }

    private void run() {
        beforeFirstBatch.run();
        List<Request<?>> batch = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                Request<?> first = next();
                if (first == null) {
                    idle();
                    continue;
                }
                batch.add(first);
                collect(batch);
            } catch (InterruptedException e) {
                // nobody interrupts this thread but close(); finish what was taken and stop
                Thread.currentThread().interrupt();
                running = false;
            }
            running &= !batch.remove(STOP);
            if (!batch.isEmpty()) {
                applyAndCommit(batch);
                batch.clear();
            }
        }
        refuseTheRest();
    }

    /** The next request, or null when the transaction's idle work is due first. */
    private Request<?> next() throws InterruptedException {
        long idleDelay = transaction.idleDelayNanos();
        return idleDelay < 0 ? queue.take() : queue.poll(idleDelay, TimeUnit.NANOSECONDS);
    }

    private void idle() {
        try {
            transaction.idle();
        } catch (DBException | IOError | IllegalStateException e) {
            LOG.error("The store's deferred commit failed", e);
        }
    }

    /** Should the loop ever end early, no caller may wait forever for an answer. */
    private void refuseTheRest() {
        List<Request<?>> rest = new ArrayList<>();
        synchronized (submitLock) {
            stopped = true;
            queue.drainTo(rest);
        }
        StoreException closed = new StoreException("The execution store is closed");
        rest.forEach(request -> request.result().completeExceptionally(closed));
    }

    private void collect(List<Request<?>> batch) throws InterruptedException {
        if (!window.isZero()) {
            long deadline = System.nanoTime() + window.toNanos();
            while (batch.size() < maxBatch && !batch.contains(STOP)) {
                long left = deadline - System.nanoTime();
                Request<?> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
        }
        queue.drainTo(batch, maxBatch - batch.size());
    }

    private void applyAndCommit(List<Request<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        List<Request<?>> applied = new ArrayList<>(batch.size());
        try {
            // readers wait only while the batch is applied in memory, never during the fsyncs
            applyLock.lock();
            try {
                for (Request<?> request : batch) {
                    try {
                        request.apply(completions);
                        applied.add(request);
                    } catch (HarbormasterException | IllegalArgumentException e) {
                        request.result().completeExceptionally(e);
                    }
                }
                transaction.flush();
            } finally {
                applyLock.unlock();
            }
            if (!applied.isEmpty()) {
                transaction.commit();
            }
        } catch (DBException | IOError | IllegalStateException | NullPointerException e) {
            // a write that broke half-way, or a failed commit: nothing of the batch may survive
            LOG.error("Store commit failed; rolling back {} writes", applied.size(), e);
            rollBack();
            StoreException failure = new StoreException("The store could not commit the write: " + e, e);
            batch.forEach(request -> request.result().completeExceptionally(failure));
            return;
        }
        completions.forEach(Runnable::run);
    }

    private void rollBack() {
        applyLock.lock();
        try {
            transaction.rollback();
        } catch (DBException | IOError e) {
            LOG.error("Store rollback failed too", e);
        } finally {
            applyLock.unlock();
        }
    }
}
