package io.harbormaster.core.store;

import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a batch becomes durable: its changes are appended to the {@link StoreJournal} with one fsync, and
 * MapDB is committed behind it — when {@code mapDbCommitInterval} has passed, at close, or when the writer
 * is idle — with the journal sequence it completes in the same commit. A MapDB commit costs several
 * fsyncs, the journal one. When the journal outgrows {@code journalLimit}, a checkpoint is taken and the
 * journal emptied, so that a damaged MapDB file can always be rebuilt from the checkpoint and the journal.
 *
 * <p>Writer thread only.
 */
final class JournaledCommits implements GroupCommitWriter.Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledCommits.class);

    private final StoreMaps maps;
    private final ExecutionWrites writes;
    private final StoreJournal journal;
    private final StoreCheckpoints checkpoints;
    /** Held while MapDB is rolled back and the journaled batches put back, so no reader sees it half done. */
    private final Lock applyLock;
    private final long commitIntervalNanos;
    private final long journalLimit;
    /** Batches in the journal that MapDB has not committed yet: what a rollback must put back. */
    private final List<List<StoreChange>> uncommitted = new ArrayList<>();
    private long sequence;
    private long lastMapDbCommit = System.nanoTime();

    JournaledCommits(StoreMaps maps, ExecutionWrites writes, StoreJournal journal, StoreCheckpoints checkpoints,
                     Lock applyLock, long sequence, Duration mapDbCommitInterval, long journalLimit) {
        this.maps = maps;
        this.applyLock = applyLock;
        this.writes = writes;
        this.journal = journal;
        this.checkpoints = checkpoints;
        this.sequence = sequence;
        this.commitIntervalNanos = mapDbCommitInterval.toNanos();
        this.journalLimit = journalLimit;
    }

    @Override
    public void flush() {
        writes.flush();
    }

    /** Appends the batch to the journal and forces it; a failure here fails the batch. */
    @Override
    public void commit() {
        List<StoreChange> changes = maps.takeChanges();
        if (changes.isEmpty()) {
            return;
        }
        try {
            journal.append(sequence + 1, changes);
        } catch (IOException e) {
            throw new IOError(new IOException("Could not write the store journal " + journal.file() + ": "
                    + e.getMessage(), e));
        }
        sequence++;
        uncommitted.add(changes);
        if (System.nanoTime() - lastMapDbCommit >= commitIntervalNanos) {
            commitMapDbQuietly();
        }
    }

    /** Undoes the failed batch only: MapDB goes back to its last commit and the journaled batches since are put back. */
    @Override
    public void rollback() {
        maps.discardChanges();
        writes.forgetRevisions();
        maps.db.rollback();
        uncommitted.forEach(batch -> batch.forEach(maps::apply));
    }

    @Override
    public long idleDelayNanos() {
        if (uncommitted.isEmpty()) {
            return -1;
        }
        return Math.max(0, lastMapDbCommit + commitIntervalNanos - System.nanoTime());
    }

    @Override
    public void idle() {
        commitMapDbQuietly();
    }

    /** Commits MapDB once more (no checkpoint): the store is closing. */
    void commitBeforeClose() {
        if (!uncommitted.isEmpty()) {
            commitMapDb();
        }
    }

    long sequence() {
        return sequence;
    }

    StoreJournal journal() {
        return journal;
    }

    /**
     * The batches are durable in the journal already: a failed MapDB commit loses nothing, it is retried
     * with the next one. Only if MapDB cannot even be brought back is the error passed on.
     */
    private void commitMapDbQuietly() {
        try {
            commitMapDb();
        } catch (DBException | IOError | IllegalStateException e) {
            LOG.error("Committing the store file {} failed; the journal holds every write, retrying later",
                    checkpoints.db(), e);
            lastMapDbCommit = System.nanoTime();
            applyLock.lock();
            try {
                rollback();
            } finally {
                applyLock.unlock();
            }
        }
    }

    private void commitMapDb() {
        maps.markJournalSequence(sequence);
        maps.db.commit();
        uncommitted.clear();
        lastMapDbCommit = System.nanoTime();
        if (journal.size() > journalLimit) {
            checkpointAndTrim();
        }
    }

    /** Commits MapDB if needed, takes a checkpoint and empties the journal behind it. */
    void checkpoint() {
        try {
            commitBeforeClose();
            checkpointAndTrim();
        } catch (DBException | IOError e) {
            LOG.warn("Could not take a checkpoint of {}", checkpoints.db(), e);
        }
    }

    /** MapDB is committed up to {@link #sequence}: a checkpoint of it holds every journal record. */
    private void checkpointAndTrim() {
        if (checkpoints.take(sequence)) {
            try {
                journal.reset();
            } catch (IOException e) {
                LOG.warn("Could not empty the store journal {} after a checkpoint; it keeps growing", journal.file(), e);
            }
        }
    }
}
