package io.harbormaster.core.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file that another process keeps appending to, from where the last read stopped.
 * The file is reopened on every read, so it may appear late or be replaced; a file that shrank
 * was truncated or replaced and is read again from its start.
 */
public final class FileTail {

    private static final int CHUNK = 16 * 1024;

    private final Path file;
    private long position;

    public FileTail(Path file) {
        this(file, 0);
    }

    public FileTail(Path file, long startOffset) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset < 0");
        }
        this.file = file;
        this.position = startOffset;
    }

    public Path file() {
        return file;
    }

    /** The offset of the next byte to read. */
    public long position() {
        return position;
    }

    /** Copies everything between the position and the current end of the file; 0 when there is nothing new or no file yet. */
    public long copyNewBytes(OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < position) {
                position = 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            long copied = 0;
            int read;
            while ((read = channel.read(buffer.clear(), position)) > 0) {
                out.write(buffer.array(), 0, read);
                position += read;
                copied += read;
            }
            return copied;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
