package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code store.lock}: an OS file lock held while a store is open, with the holder's pid written in
 * it so that a second node can say who holds it. The lock dies with its process, even on kill -9.
 */
final class StoreLock implements AutoCloseable {

    static final String FILE_NAME = "store.lock";
    private static final Logger LOG = LoggerFactory.getLogger(StoreLock.class);
    private static final int PID_READ_ATTEMPTS = 10;
    private static final long PID_READ_PAUSE_MILLIS = 20;

    /**
     * Lock files this JVM holds. Checked before opening a channel: closing a second channel on a
     * locked file would release the first one's POSIX lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock at once or throws {@link StoreLockedException} naming the holder's pid. */
    static StoreLock acquire(Path storeDir) {
        Path file = canonical(storeDir).resolve(FILE_NAME);
        long ownPid = ProcessHandle.current().pid();
        if (!HELD.add(file)) {
            throw new StoreLockedException(storeDir.toString(), ownPid);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreLockedException(storeDir.toString(), readHolderPid(channel));
            }
            writePid(channel, ownPid);
            return new StoreLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new StoreLockedException(storeDir.toString(), ownPid);
        } catch (StoreLockedException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new StoreException("Could not lock the store " + storeDir + ": " + e.getMessage(), e);
        }
    }

    /** One key per directory however it is spelled, so the in-JVM check cannot be bypassed by a symlink. */
    private static Path canonical(Path storeDir) {
        try {
            return storeDir.toRealPath();
        } catch (IOException e) {
            return storeDir.toAbsolutePath().normalize();
        }
    }

    private static void writePid(FileChannel channel, long pid) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    /** The holder may have the lock but not have written its pid yet: give it a moment. */
    private static long readHolderPid(FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < PID_READ_ATTEMPTS; attempt++) {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            if (!text.isEmpty()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    LOG.debug("Lock file holds no pid yet: {}", text);
                }
            }
            try {
                Thread.sleep(PID_READ_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the store lock {}", file, e);
        } finally {
            closeQuietly(channel);
            HELD.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not close the store lock file", e);
        }
    }
}
