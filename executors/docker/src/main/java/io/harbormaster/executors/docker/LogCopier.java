package io.harbormaster.executors.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.harbormaster.core.executor.ExecutionFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Copies a container's stdout and stderr into the execution's files. Frames are asked for with
 * timestamps; the newest one copied is kept in {@code docker-logs.since}, so a copier started
 * after a restart asks only for what came later and drops the frames it already has.
 */
final class LogCopier {

    static final String SINCE_FILE = "docker-logs.since";
    private static final long PERSIST_EVERY_NANOS = 100_000_000L;

    private final DockerConnection engine;
    private final ExecutionFiles files;
    private final Path sinceFile;
    private Instant last;

    LogCopier(DockerConnection engine, ExecutionFiles files) throws IOException {
        this.engine = engine;
        this.files = files;
        this.sinceFile = files.dir().resolve(SINCE_FILE);
        this.last = readSince(sinceFile);
    }

    /** Copies until the log stream ends: when the container stops if {@code follow}, else at once. */
    void copy(String containerId, boolean follow) throws IOException, InterruptedException {
        Files.createDirectories(files.dir());
        try (OutputStream out = new FileOutputStream(files.stdout().toFile(), true);
             OutputStream err = new FileOutputStream(files.stderr().toFile(), true);
             Sink sink = new Sink(out, err)) {
            engine.run(() -> {
                var command = engine.streams().logContainerCmd(containerId)
                        .withStdOut(true).withStdErr(true).withTimestamps(true).withFollowStream(follow);
                if (last != null) {
                    command.withSince((int) last.getEpochSecond());
                }
                command.exec(sink);
            });
            awaitEnd(sink);
        } finally {
            persist();
        }
    }

    private void awaitEnd(Sink sink) throws IOException, InterruptedException {
        try {
            sink.awaitCompletion();
        } catch (UncheckedIOException writeFailed) {
            throw writeFailed.getCause();
        } catch (RuntimeException streamFailed) {
            // the stream's transport failure arrives here, not through call(): translate it the same way
            throw engine.translate(streamFailed);
        }
    }

    private void persist() throws IOException {
        if (last == null) {
            return;
        }
        Path temp = sinceFile.resolveSibling(SINCE_FILE + ".tmp");
        Files.writeString(temp, last.toString(), StandardCharsets.UTF_8);
        try {
            Files.move(temp, sinceFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temp, sinceFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Instant readSince(Path file) throws IOException {
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException none) {
            return null;
        } catch (DateTimeParseException damaged) {
            // a damaged mark costs duplicated lines, never lost ones
            return null;
        }
    }

    /** Receives frames on docker-java's thread: strips the timestamp, skips old frames, appends the rest. */
    private final class Sink extends ResultCallback.Adapter<Frame> {

        private final OutputStream out;
        private final OutputStream err;
        private long persistedAt = System.nanoTime();

        Sink(OutputStream out, OutputStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            int space = indexOfSpace(payload);
            Instant stamp = null;
            if (space > 0) {
                try {
                    stamp = Instant.parse(new String(payload, 0, space, StandardCharsets.US_ASCII));
                } catch (DateTimeParseException notAStamp) {
                    stamp = null;
                }
            }
            if (stamp != null && last != null && !stamp.isAfter(last)) {
                return;
            }
            int from = stamp == null ? 0 : space + 1;
            try {
                OutputStream target = frame.getStreamType() == StreamType.STDERR ? err : out;
                target.write(payload, from, payload.length - from);
                if (stamp != null) {
                    last = stamp;
                    if (System.nanoTime() - persistedAt > PERSIST_EVERY_NANOS) {
                        persistedAt = System.nanoTime();
                        persist();
                    }
                }
            } catch (IOException writeFailed) {
                throw new UncheckedIOException(writeFailed);
            }
        }

        private int indexOfSpace(byte[] payload) {
            for (int i = 0; i < Math.min(payload.length, 40); i++) {
                if (payload[i] == ' ') {
                    return i;
                }
            }
            return -1;
        }
    }
}
