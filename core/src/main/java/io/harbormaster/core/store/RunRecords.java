package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store's record of the runs that open it, in the meta map: an open commits its start and pid and clears the
 * clean stop; a clean close commits the clean stop. Reading them before the open's own commit tells how the previous
 * run ended (see {@link PreviousRun}).
 */
final class RunRecords {

    static final String STARTED_AT = "run.startedAt";
    static final String PID = "run.pid";
    static final String CLEAN_STOP_AT = "run.cleanStopAt";

    private RunRecords() {
    }

    /**
     * What the meta says about the run before this open. {@code lastWrite} is the store files' modification time
     * taken before the file was opened: the best evidence of when a crashed run was last alive.
     */
    static PreviousRun previous(Map<String, String> meta, boolean fresh, Instant lastWrite) {
        if (fresh) {
            return PreviousRun.firstStart();
        }
        String started = meta.get(STARTED_AT);
        if (started == null) {
            return new PreviousRun(PreviousRun.Ending.UNRECORDED, null, lastWrite, 0);
        }
        long pid = parsePid(meta.get(PID));
        String cleanStop = meta.get(CLEAN_STOP_AT);
        if (cleanStop != null) {
            return new PreviousRun(PreviousRun.Ending.CLEAN, parse(started), parse(cleanStop), pid);
        }
        return new PreviousRun(PreviousRun.Ending.CRASHED, parse(started), lastWrite, pid);
    }

    /** This run has the store open; the caller commits. */
    static void markStarted(Map<String, String> meta, Instant now) {
        meta.put(STARTED_AT, now.toString());
        meta.put(PID, Long.toString(ProcessHandle.current().pid()));
        meta.remove(CLEAN_STOP_AT);
    }

    /** This run closes the store cleanly; the caller commits. */
    static void markCleanStop(Map<String, String> meta, Instant now) {
        meta.put(CLEAN_STOP_AT, now.toString());
    }

    /**
     * The newest modification time of the store file, its write-ahead log and its journal, null if none exists.
     * The journal counts most: MapDB is committed behind it, so a crashed run's last writes may be only there.
     */
    static Instant lastWrite(StoreFiles files) {
        List<Path> paths = new ArrayList<>();
        paths.add(files.db());
        paths.add(files.journal());
        try {
            paths.addAll(files.walFiles());
        } catch (IOException e) {
            // the db file's own time is still evidence
        }
        Instant newest = null;
        for (Path path : paths) {
            try {
                Instant modified = Files.getLastModifiedTime(path).toInstant();
                if (newest == null || modified.isAfter(newest)) {
                    newest = modified;
                }
            } catch (IOException e) {
                // a file that is not there says nothing
            }
        }
        return newest;
    }

    /** A record that does not parse is no reason to refuse the store: the time is then unknown. */
    private static Instant parse(String instant) {
        try {
            return Instant.parse(instant);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long parsePid(String pid) {
        try {
            return pid == null ? 0 : Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
