package io.harbormaster.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Options of a {@link MapDbExecutionStore}; every one has a default that suits a node. */
public final class MapDbStoreBuilder {

    /** How often MapDB is committed behind the journal unless set otherwise. */
    public static final Duration DEFAULT_MAPDB_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final Path storeDir;
    private Duration groupCommitWindow = Duration.ZERO;
    private int maxBatch = 1_000;
    private Clock clock = Clock.systemUTC();
    private Duration mapDbCommitInterval = DEFAULT_MAPDB_COMMIT_INTERVAL;
    private long journalLimit = 64L << 20;

    MapDbStoreBuilder(Path storeDir) {
        this.storeDir = Objects.requireNonNull(storeDir, "storeDir");
    }

    /**
     * How long the writer waits for more writes after the first before committing. Zero (the default)
     * still groups every write that arrived while the previous commit ran.
     */
    public MapDbStoreBuilder groupCommitWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("groupCommitWindow must not be negative: " + window);
        }
        this.groupCommitWindow = window;
        return this;
    }

    /** The most writes one commit takes. */
    public MapDbStoreBuilder maxBatch(int writes) {
        if (writes < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1: " + writes);
        }
        this.maxBatch = writes;
        return this;
    }

    /** Where the store's timestamps (updatedAt, history) come from. */
    public MapDbStoreBuilder clock(Clock source) {
        this.clock = Objects.requireNonNull(source, "clock");
        return this;
    }

    /**
     * How often MapDB is committed behind the journal while writes come in (and once the writer is idle
     * that long). Shorter means less journal to apply after a crash; each MapDB commit costs several fsyncs.
     */
    public MapDbStoreBuilder mapDbCommitInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("mapDbCommitInterval must not be negative: " + interval);
        }
        this.mapDbCommitInterval = interval;
        return this;
    }

    /** The journal size past which a checkpoint is taken and the journal emptied (writes wait for the copy). */
    public MapDbStoreBuilder journalLimit(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("journalLimit must be positive: " + bytes);
        }
        this.journalLimit = bytes;
        return this;
    }

    public MapDbExecutionStore open() {
        return MapDbExecutionStore.open(this);
    }

    Path storeDir() {
        return storeDir;
    }

    Duration groupCommitWindow() {
        return groupCommitWindow;
    }

    int maxBatch() {
        return maxBatch;
    }

    Duration mapDbCommitInterval() {
        return mapDbCommitInterval;
    }

    long journalLimit() {
        return journalLimit;
    }

    Clock clock() {
        return clock;
    }
}
