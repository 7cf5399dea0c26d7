package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one store directory: the MapDB file and its write-ahead log, the last-good
 * checkpoint, and the damaged files moved aside. Nothing here ever deletes a store file.
 */
final class StoreFiles {

    static final String DB_NAME = "executions.db";
    static final String CHECKPOINT_NAME = DB_NAME + ".last-good";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;

    StoreFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path db() {
        return dir.resolve(DB_NAME);
    }

    Path journal() {
        return dir.resolve(StoreJournal.FILE_NAME);
    }

    Path checkpoint() {
        return dir.resolve(CHECKPOINT_NAME);
    }

    /** The checkpoint if there is one, else null. */
    Path existingCheckpoint() {
        return Files.isRegularFile(checkpoint()) ? checkpoint() : null;
    }

    /** MapDB's write-ahead log files beside the db ({@code executions.db.wal.0}, ...). */
    List<Path> walFiles() throws IOException {
        List<Path> wal = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, DB_NAME + ".wal.*")) {
            files.forEach(wal::add);
        }
        return wal;
    }

    /**
     * Moves the db and its WAL files to {@code executions.db.<label>-<UTC time>} (WAL files keep their
     * suffix after that name), so they can be moved back as they were.
     *
     * @return where the db file went
     */
    Path moveAside(String label, Instant now) throws IOException {
        String base = DB_NAME + "." + label + "-" + STAMP.format(now);
        Path target = dir.resolve(base);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolve(base + "-" + n);
        }
        for (Path wal : walFiles()) {
            String suffix = wal.getFileName().toString().substring(DB_NAME.length());
            Files.move(wal, dir.resolve(target.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.exists(db())) {
            Files.move(db(), target, StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.warn("Moved store file {} aside to {}", db(), target);
        return target;
    }

    /**
     * Whether the checkpoint was taken from the db as it is now: copied after the db's last change and
     * of the same size. Saves copying a large file on every start after a clean close.
     */
    boolean checkpointIsCurrent() throws IOException {
        Path checkpoint = checkpoint();
        if (!Files.isRegularFile(checkpoint) || !Files.isRegularFile(db()) || !walFiles().isEmpty()) {
            return false;
        }
        FileTime dbTime = Files.getLastModifiedTime(db());
        return Files.size(checkpoint) == Files.size(db())
                && Files.getLastModifiedTime(checkpoint).compareTo(dbTime) > 0;
    }

    /**
     * Copies the db to the checkpoint through a synced temp file and an atomic rename, so a crash leaves
     * either the old checkpoint or the new one. Call only while nothing writes the db.
     */
    void writeCheckpoint() throws IOException {
        installCheckpoint(copyForCheckpoint());
    }

    /** A synced copy of the db beside it, to check before {@link #installCheckpoint} makes it the checkpoint. */
    Path copyForCheckpoint() throws IOException {
        Path temp = dir.resolve(CHECKPOINT_NAME + ".tmp");
        Files.copy(db(), temp, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return temp;
    }

    /** Renames the copy over the checkpoint and syncs the directory: once this returns, the rename survives a crash. */
    void installCheckpoint(Path copy) throws IOException {
        Files.move(copy, checkpoint(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
    }

    /** MapDB may leave an empty WAL beside a file it opened: remove it for a file that is not the store's. */
    void deleteWalOf(Path file) {
        try (DirectoryStream<Path> wal = Files.newDirectoryStream(dir, file.getFileName() + ".wal.*")) {
            for (Path path : wal) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debug("Could not remove the WAL files of {}", file, e);
        }
    }

    /** Makes renames and new files in the directory durable (where the platform lets a directory be synced). */
    void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("This platform cannot sync the directory {}", dir, e);
        }
    }

    /**
     * Keeps a copy of a damaged journal as {@code executions.journal.damaged-<UTC time>} before its damaged
     * part is cut away.
     *
     * @return where the copy is
     */
    Path keepDamagedJournal(Instant now) throws IOException {
        String base = StoreJournal.FILE_NAME + ".damaged-" + STAMP.format(now);
        Path target = dir.resolve(base);
        for (int n = 2; Files.exists(target); n++) {
            target = dir.resolve(base + "-" + n);
        }
        Files.copy(journal(), target);
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return target;
    }

    /**
     * Puts a copy of the checkpoint in place of the db; the current db (if any) is moved aside first.
     *
     * @return where the replaced db went, or null if there was none
     */
    Path restoreCheckpoint(Instant now) throws IOException {
        if (!Files.isRegularFile(checkpoint())) {
            throw new StoreException("There is no last-good checkpoint in " + dir + " to restore.");
        }
        Path replaced = Files.exists(db()) || !walFiles().isEmpty() ? moveAside("replaced", now) : null;
        copyCheckpointIntoPlace();
        return replaced;
    }

    /** Puts a synced copy of the checkpoint where the db was; there must be no db. */
    void copyCheckpointIntoPlace() throws IOException {
        Path temp = dir.resolve(DB_NAME + ".restore.tmp");
        Files.copy(checkpoint(), temp, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, db(), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        LOG.info("Put the last-good checkpoint in place of the store {}", db());
    }
}
