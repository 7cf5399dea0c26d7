package io.harbormaster.core.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * {@code executions.journal}: the store's durability point. Each group-commit batch is one record, appended
 * and forced with one {@code force(false)} before its callers are answered; MapDB is committed behind it,
 * less often. After a crash the records above the sequence MapDB holds are applied again.
 *
 * <pre>
 * file   := "HMJRNL01" record*
 * record := length:int32  crc32:int32  body            (crc32 of body; length of body)
 * body   := sequence:int64  count:int32  change*       (see {@link StoreChange#writeTo})
 * </pre>
 *
 * A record that is short or fails its CRC ends the journal: at the tail that is a write the crash tore
 * (never acknowledged, cut away quietly); with more records after it, the file was damaged, which
 * {@link Contents#damage()} reports so the caller can keep a copy and say so.
 */
final class StoreJournal implements AutoCloseable {

    static final String FILE_NAME = "executions.journal";
    private static final byte[] MAGIC = "HMJRNL01".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 8;
    /** Far above any batch the writer makes; a larger length is damage, not a record. */
    private static final int MAX_RECORD = 256 << 20;

    /** One batch as read back. */
    record Entry(long sequence, List<StoreChange> changes) {
    }

    /**
     * What a journal file held. {@code validEnd} is where the last good record ends; {@code damage} is null
     * when the file ends there or with a torn last write, else it says what was found where.
     */
    record Contents(List<Entry> entries, long validEnd, long fileSize, String damage) {

        boolean tornTail() {
            return damage == null && validEnd < fileSize;
        }

        long lastSequence(long otherwise) {
            return entries.isEmpty() ? otherwise : entries.get(entries.size() - 1).sequence();
        }
    }

    private final Path file;
    private final FileChannel channel;
    private long size;

    private StoreJournal(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Reads a journal file without changing it; a missing or empty file has no entries. */
    static Contents read(Path file) throws IOException {
        if (!file.toFile().exists()) {
            return new Contents(List.of(), 0, 0, null);
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(in);
        }
    }

    private static Contents read(FileChannel in) throws IOException {
        long fileSize = in.size();
        if (fileSize == 0) {
            return new Contents(List.of(), 0, 0, null);
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(in, header, 0);
        if (header.position() < HEADER) {
            // the crash came while the file was being created
            return new Contents(List.of(), 0, fileSize, null);
        }
        if (!Arrays.equals(header.array(), MAGIC)) {
            return new Contents(List.of(), 0, fileSize, "not a Harbormaster journal (bad header)");
        }
        List<Entry> entries = new ArrayList<>();
        long position = HEADER;
        while (position < fileSize) {
            ByteBuffer frame = ByteBuffer.allocate(8);
            readFully(in, frame, position);
            String problem = null;
            int length = frame.getInt(0);
            if (frame.position() < 8) {
                problem = "a record header cut short";
            } else if (length < 12 || length > MAX_RECORD) {
                problem = "an impossible record length " + length;
            } else if (position + 8 + length > fileSize) {
                problem = "a record cut short";
            }
            Entry entry = null;
            if (problem == null) {
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(in, body, position + 8);
                CRC32 crc = new CRC32();
                crc.update(body.array());
                if ((int) crc.getValue() != frame.getInt(4)) {
                    problem = "a record whose checksum does not match";
                } else {
                    try {
                        entry = decode(body.array());
                    } catch (IOException | RuntimeException e) {
                        problem = "a record that does not decode (" + e.getMessage() + ")";
                    }
                }
            }
            boolean torn = problem != null
                    && (problem.endsWith("cut short") || onlyZerosOrLastRecord(in, position, length, fileSize));
            if (problem == null && !entries.isEmpty()
                    && entry.sequence() != entries.get(entries.size() - 1).sequence() + 1) {
                // a sound record out of order is no torn write: something else wrote or cut this file
                problem = "sequence " + entry.sequence() + " after " + entries.get(entries.size() - 1).sequence();
            }
            if (problem != null) {
                String damage = torn ? null : problem + " at byte " + position + " of " + fileSize
                        + "; the " + (fileSize - position) + " bytes from there on were not applied";
                return new Contents(entries, position, fileSize, damage);
            }
            entries.add(entry);
            position += 8 + length;
        }
        return new Contents(entries, position, fileSize, null);
    }

    /**
     * A bad record is a torn write when nothing follows it: the file ends with it, or after it holds only
     * the zeros a file system may leave in a block it extended but never wrote.
     */
    private static boolean onlyZerosOrLastRecord(FileChannel in, long position, int length, long fileSize)
            throws IOException {
        if (length >= 12 && length <= MAX_RECORD && position + 8 + length == fileSize) {
            return true;
        }
        ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
        for (long at = position; at < fileSize; ) {
            rest.clear();
            int read = in.read(rest, at);
            if (read <= 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (rest.get(i) != 0) {
                    return false;
                }
            }
            at += read;
        }
        return true;
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = in.read(into, at);
            if (read < 0) {
                return;
            }
            at += read;
        }
    }

    /**
     * Opens the journal for appending after its last good record, creating it if needed. The caller has
     * read it first and kept a copy of any damage: from here on everything past {@code validEnd} is cut away.
     */
    static StoreJournal openForAppend(Path file, Contents contents) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        boolean opened = false;
        try {
            long end = contents.validEnd();
            if (end < HEADER) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(MAGIC), 0);
                end = HEADER;
            } else if (channel.size() > end) {
                channel.truncate(end);
            }
            channel.force(true);
            opened = true;
            return new StoreJournal(file, channel, end);
        } finally {
            if (!opened) {
                channel.close();
            }
        }
    }

    /** Appends one batch and forces it to the disk: when this returns, the batch survives any crash. */
    void append(long sequence, List<StoreChange> changes) throws IOException {
        byte[] body = encode(sequence, changes);
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteBuffer record = ByteBuffer.allocate(8 + body.length);
        record.putInt(body.length).putInt((int) crc.getValue()).put(body).flip();
        long at = size;
        try {
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
            channel.force(false);
        } catch (IOException e) {
            // a half-written record must not be followed by the next one: cut it off, best effort
            try {
                channel.truncate(size);
            } catch (IOException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        size = at;
    }

    /**
     * Empties the journal: call only once a checkpoint holding every record is safely on disk. Records are
     * numbered on from where they were, not from one.
     */
    void reset() throws IOException {
        channel.truncate(HEADER);
        channel.force(true);
        size = HEADER;
    }

    /** Bytes in the file, header included. */
    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static byte[] encode(long sequence, List<StoreChange> changes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(sequence);
        out.writeInt(changes.size());
        for (StoreChange change : changes) {
            change.writeTo(out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Entry decode(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        long sequence = in.readLong();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative change count " + count);
        }
        List<StoreChange> changes = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            changes.add(StoreChange.readFrom(in));
        }
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after the last change");
        }
        return new Entry(sequence, changes);
    }
}
