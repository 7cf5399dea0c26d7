package io.harbormaster.core.store;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking the last-good checkpoint. A copy is checked before it replaces the previous one: it must open,
 * pass the open-time reads, and hold the journal sequence it was taken at; the journal is emptied only
 * after such a copy is in place, so a damaged file can always be rebuilt from checkpoint plus journal.
 */
final class StoreCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCheckpoints.class);

    private final StoreFiles files;
    private final ExecutionCodec codec;

    StoreCheckpoints(StoreFiles files, ExecutionCodec codec) {
        this.files = files;
        this.codec = codec;
    }

    Path db() {
        return files.db();
    }

    /**
     * Copies the committed db to the checkpoint. Call only while nothing writes the db.
     *
     * @param sequence the journal sequence the db's last commit holds
     * @return whether a sound copy is now the checkpoint
     */
    boolean take(long sequence) {
        Path temp = null;
        try {
            temp = files.copyForCheckpoint();
            String problem = check(temp, sequence);
            if (problem != null) {
                LOG.warn("Not replacing the checkpoint of {}: the new copy {}", files.db(), problem);
                Files.deleteIfExists(temp);
                return false;
            }
            files.installCheckpoint(temp);
            return true;
        } catch (IOException e) {
            LOG.warn("Could not write the last-good checkpoint of {}", files.db(), e);
            return false;
        }
    }

    private String check(Path copy, long sequence) {
        try {
            StoreMaps maps = StoreMaps.open(copy, codec);
            try {
                long held = maps.journalSequence();
                return held == sequence ? null : "holds journal sequence " + held + ", not " + sequence;
            } finally {
                maps.db.close();
            }
        } catch (DBException | IOError e) {
            return "does not read back (" + e + ")";
        } catch (RuntimeException e) {
            // MapDB reports a damaged page as whatever its decoder trips on
            return "does not read back (" + e + ")";
        } finally {
            files.deleteWalOf(copy);
        }
    }
}
