package io.harbormaster.core.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One physical change to one of the store's MapDB collections, as the journal keeps it: the new value
 * of a key, or its removal. Values are absolute (a count's new value, not its delta), so applying a
 * change twice leaves the same state as applying it once: replay is idempotent.
 *
 * @param value null for a removal; for a set, {@link Collection#SET_MEMBER} for a member added
 */
record StoreChange(Collection collection, Object key, Object value) {

    /** The kinds a key or a value can have on disk. */
    enum Kind { STRING, LONG, BYTES, NONE }

    /** The collections of {@link StoreMaps}, each with a fixed tag in the journal: never renumber. */
    enum Collection {
        META(1, Kind.STRING, Kind.STRING),
        EXECUTIONS(2, Kind.STRING, Kind.BYTES),
        BY_STATE(3, Kind.STRING, Kind.NONE),
        BY_CREATION(4, Kind.STRING, Kind.NONE),
        HISTORY(5, Kind.STRING, Kind.BYTES),
        COUNTS(6, Kind.STRING, Kind.LONG),
        DECISIONS(7, Kind.LONG, Kind.BYTES),
        DECISION_SEQUENCE(8, Kind.NONE, Kind.LONG),
        RECOVERY_PLANS(9, Kind.STRING, Kind.BYTES);

        /** The value of a set member that is present. */
        static final Boolean SET_MEMBER = Boolean.TRUE;

        final int tag;
        final Kind keyKind;
        final Kind valueKind;

        Collection(int tag, Kind keyKind, Kind valueKind) {
            this.tag = tag;
            this.keyKind = keyKind;
            this.valueKind = valueKind;
        }

        static Collection ofTag(int tag) {
            for (Collection collection : values()) {
                if (collection.tag == tag) {
                    return collection;
                }
            }
            throw new IllegalArgumentException("unknown collection tag " + tag);
        }
    }

    private static final int REMOVED = 0;
    private static final int PUT = 1;

    StoreChange {
        Objects.requireNonNull(collection, "collection");
    }

    static StoreChange put(Collection collection, Object key, Object value) {
        return new StoreChange(collection, key, Objects.requireNonNull(value, "value"));
    }

    static StoreChange removal(Collection collection, Object key) {
        return new StoreChange(collection, key, null);
    }

    boolean isRemoval() {
        return value == null;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(collection.tag);
        out.writeByte(isRemoval() ? REMOVED : PUT);
        write(out, collection.keyKind, key);
        if (!isRemoval()) {
            write(out, collection.valueKind, value);
        }
    }

    static StoreChange readFrom(DataInput in) throws IOException {
        Collection collection = Collection.ofTag(in.readUnsignedByte());
        int op = in.readUnsignedByte();
        if (op != REMOVED && op != PUT) {
            throw new IOException("unknown change kind " + op);
        }
        Object key = read(in, collection.keyKind);
        if (op == REMOVED) {
            return removal(collection, key);
        }
        Object value = collection.valueKind == Kind.NONE ? Collection.SET_MEMBER : read(in, collection.valueKind);
        return put(collection, key, value);
    }

    private static void write(DataOutput out, Kind kind, Object value) throws IOException {
        switch (kind) {
            case STRING -> writeBytes(out, ((String) value).getBytes(StandardCharsets.UTF_8));
            case LONG -> out.writeLong((Long) value);
            case BYTES -> writeBytes(out, (byte[]) value);
            case NONE -> { }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static Object read(DataInput in, Kind kind) throws IOException {
        return switch (kind) {
            case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
            case LONG -> in.readLong();
            case BYTES -> readBytes(in);
            case NONE -> null;
        };
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("negative length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreChange that && collection == that.collection && valueEquals(key, that.key)
                && valueEquals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, key instanceof byte[] bytes ? Arrays.hashCode(bytes) : key,
                value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value);
    }

    @Override
    public String toString() {
        return collection + (isRemoval() ? " remove " : " put ") + key;
    }

    private static boolean valueEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
