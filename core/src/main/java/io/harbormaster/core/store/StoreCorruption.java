package io.harbormaster.core.store;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a store file that may be damaged: a file MapDB cannot read is moved aside, never deleted,
 * and the operator is told where it went, how to put it back, and whether a checkpoint can replace it.
 */
final class StoreCorruption {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCorruption.class);

    private StoreCorruption() {
    }

    /** The file (or what was done with it right after opening) showed damage; the cause says what. */
    static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Opens the MapDB file and runs {@code andThen} on it (the journal replay). Damage found by either is
     * thrown as {@link Damaged} with the file closed and left where it is, for the caller to decide.
     */
    static StoreMaps openAndThen(StoreFiles files, ExecutionCodec codec, Consumer<StoreMaps> andThen) {
        StoreMaps maps = null;
        try {
            maps = StoreMaps.open(files.db(), codec);
            andThen.accept(maps);
            return maps;
        } catch (DBException.FileLocked e) {
            closeQuietly(maps);
            throw new StoreException("The store file " + files.db() + " is locked by another program", e);
        } catch (DBException | IOError | ExecutionCodec.UnreadableRecordException e) {
            closeQuietly(maps);
            throw new Damaged(e);
        } catch (StoreException refused) {
            // a newer schema and the like: the file is sound, just not ours to read
            closeQuietly(maps);
            throw refused;
        } catch (RuntimeException damaged) {
            // MapDB reports a damaged page as whatever its decoder trips on (a buffer underflow, a bad index)
            closeQuietly(maps);
            throw new Damaged(damaged);
        }
    }

    private static void closeQuietly(StoreMaps maps) {
        if (maps == null) {
            return;
        }
        try {
            if (!maps.db.isClosed()) {
                maps.db.close();
            }
        } catch (DBException | IOError e) {
            LOG.debug("Closing a damaged store file failed", e);
        }
    }

    static StoreException quarantine(StoreFiles files, Clock clock, Throwable cause) {
        LOG.error("The store file {} is damaged", files.db(), cause);
        Path checkpoint = files.existingCheckpoint();
        Path movedTo;
        try {
            movedTo = files.moveAside("corrupt", clock.instant());
        } catch (IOException e) {
            cause.addSuppressed(e);
            return new StoreCorruptException("The store file " + files.db() + " is damaged and could not be moved"
                    + " aside (" + e.getMessage() + "); it was left where it is. " + checkpointAdvice(files, checkpoint),
                    files.db(), checkpoint, cause);
        }
        String message = "The store file " + files.db() + " is damaged or truncated and could not be opened. It was"
                + " moved, not deleted, to " + movedTo + " (with any " + StoreFiles.DB_NAME + ".wal.* files renamed"
                + " beside it). To try it again, stop Harbormaster and move it back to " + files.db() + ". "
                + checkpointAdvice(files, checkpoint);
        return new StoreCorruptException(message, movedTo, checkpoint, cause);
    }

    private static String checkpointAdvice(StoreFiles files, Path checkpoint) {
        if (checkpoint == null) {
            return "There is no last-good checkpoint; the next start begins with an empty store.";
        }
        return "A last-good checkpoint exists at " + checkpoint + ": restore it (start the node once with --restore-checkpoint, or copy it to "
                + files.db() + " while Harbormaster is stopped) to get back the executions it holds.";
    }
}
