package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a store directory after anything, a crash included: the MapDB file, then every journal record
 * above the sequence MapDB holds applied on top. A MapDB file that is damaged — or that no longer reaches
 * the journal's first record — is moved aside and rebuilt from the last-good checkpoint (or from nothing,
 * if the journal goes back to the first record) plus the journal. Only when neither can rebuild it does the
 * open fail, as before the journal, with the file moved aside and the checkpoint offered.
 */
final class StoreOpening {

    /** An open store's parts. {@code repair} is null unless a damaged file was rebuilt. */
    record Opened(StoreMaps maps, StoreJournal journal, long sequence, StoreRepair repair) {
    }

    /** The MapDB file's last commit lies before the journal's first record: records in between are missing. */
    static final class JournalGapException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalGapException(long held, long first) {
            super("the store file holds journal records up to " + held + " but the journal starts at " + first);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);

    private StoreOpening() {
    }

    static Opened open(StoreFiles files, ExecutionCodec codec, Clock clock) {
        StoreJournal.Contents journal = readJournal(files, clock);
        StoreMaps maps;
        StoreRepair repair = null;
        try {
            maps = StoreCorruption.openAndThen(files, codec, opened -> replay(opened, journal));
        } catch (StoreCorruption.Damaged damaged) {
            if (!canRebuild(files, journal)) {
                throw StoreCorruption.quarantine(files, clock, damaged.getCause());
            }
            Rebuilt rebuilt = rebuild(files, codec, clock, journal, damaged.getCause());
            maps = rebuilt.maps();
            repair = rebuilt.repair();
            LOG.error("{}", repair.message());
        }
        boolean opened = false;
        try {
            StoreJournal appender = StoreJournal.openForAppend(files.journal(), journal);
            long sequence = Math.max(maps.journalSequence(), journal.lastSequence(0));
            opened = true;
            return new Opened(maps, appender, sequence, repair);
        } catch (IOException e) {
            throw new StoreException("Could not open the store journal " + files.journal() + ": " + e.getMessage()
                    + ". Check that the directory is writable and the disk not full.", e);
        } finally {
            if (!opened) {
                maps.db.close();
            }
        }
    }

    /** A damaged journal is copied aside before its damaged part is cut away. */
    private static StoreJournal.Contents readJournal(StoreFiles files, Clock clock) {
        Path file = files.journal();
        StoreJournal.Contents contents;
        try {
            contents = StoreJournal.read(file);
        } catch (IOException e) {
            throw new StoreException("Could not read the store journal " + file + ": " + e.getMessage(), e);
        }
        if (contents.damage() != null) {
            Path copy;
            try {
                copy = files.keepDamagedJournal(clock.instant());
            } catch (IOException e) {
                throw new StoreException("The store journal " + file + " is damaged (" + contents.damage()
                        + ") and a copy could not be kept (" + e.getMessage() + "); it was left as it is.", e);
            }
            LOG.error("The store journal {} is damaged: {}. Its records up to there are used; a copy of the whole"
                    + " file is kept at {}", file, contents.damage(), copy);
        } else if (contents.tornTail()) {
            LOG.info("The store journal {} ends with a write a crash tore ({} bytes); it was never acknowledged"
                    + " and is cut away", file, contents.fileSize() - contents.validEnd());
        }
        return contents;
    }

    /**
     * Applies every record above the one MapDB holds, then commits once. Applying a record twice changes
     * nothing, so a crash during replay only means replaying again.
     *
     * @return how many records were applied
     */
    static int replay(StoreMaps maps, StoreJournal.Contents journal) {
        long held = maps.journalSequence();
        if (!journal.entries().isEmpty() && journal.entries().get(0).sequence() > held + 1) {
            throw new JournalGapException(held, journal.entries().get(0).sequence());
        }
        int applied = 0;
        for (StoreJournal.Entry entry : journal.entries()) {
            if (entry.sequence() > held) {
                entry.changes().forEach(maps::apply);
                applied++;
            }
        }
        if (applied > 0) {
            maps.markJournalSequence(journal.lastSequence(held));
            maps.db.commit();
            LOG.info("Applied {} journal records the store file did not hold yet", applied);
        }
        return applied;
    }

    private static boolean canRebuild(StoreFiles files, StoreJournal.Contents journal) {
        return files.existingCheckpoint() != null
                || (!journal.entries().isEmpty() && journal.entries().get(0).sequence() == 1);
    }

    private record Rebuilt(StoreMaps maps, StoreRepair repair) {
    }

    private static Rebuilt rebuild(StoreFiles files, ExecutionCodec codec, Clock clock, StoreJournal.Contents journal,
                                   Throwable cause) {
        Path checkpoint = files.existingCheckpoint();
        Path movedTo;
        try {
            movedTo = files.moveAside("corrupt", clock.instant());
            if (checkpoint != null) {
                files.copyCheckpointIntoPlace();
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            throw StoreCorruption.quarantine(files, clock, cause);
        }
        int[] replayed = new int[1];
        StoreMaps maps;
        try {
            maps = StoreCorruption.openAndThen(files, codec, opened -> replayed[0] = replay(opened, journal));
        } catch (StoreCorruption.Damaged alsoDamaged) {
            alsoDamaged.getCause().addSuppressed(cause);
            throw new StoreCorruptException("The store file " + files.db() + " was damaged and moved, not deleted, to "
                    + movedTo + ", but it could not be rebuilt from " + (checkpoint == null ? "the journal"
                    : "the last-good checkpoint " + checkpoint + " and the journal") + ": "
                    + alsoDamaged.getCause().getMessage() + ". Stop Harbormaster and move " + movedTo + " back to "
                    + files.db() + " to try it again.", movedTo, checkpoint, alsoDamaged.getCause());
        }
        return new Rebuilt(maps, new StoreRepair(movedTo, checkpoint, replayed[0], String.valueOf(cause)));
    }
}
