package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import java.io.IOError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.EnumSet;
import java.util.NavigableSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution store in one MapDB file ({@code executions.db}) with transactions on and memory-mapped
 * files off (memory-mapped MapDB lost committed data after kill -9), behind a journal of our own
 * ({@code executions.journal}): MapDB 3.1 sometimes left a damaged file after SIGKILL, so the journal, not
 * MapDB's commit, is the durability point. Writes go through one {@link GroupCommitWriter}, so concurrent
 * writers share one journal append and its one fsync ({@link JournaledCommits}); MapDB is committed behind
 * it. Reads go straight to the maps.
 *
 * <p>Within this process a read may see a write up to one commit (milliseconds) before the commit
 * returns to the writer; a failed commit rolls it back. What a caller was told is written is on disk.
 */
public final class MapDbExecutionStore implements ExecutionStore {

    private static final Logger LOG = LoggerFactory.getLogger(MapDbExecutionStore.class);
    private static final int PRUNE_CHUNK = 1_000;

    private final StoreFiles files;
    private final StoreLock lock;
    private final StoreMaps maps;
    private final ExecutionCodec codec;
    private final ExecutionWrites writes;
    private final GroupCommitWriter writer;
    private final JournaledCommits commits;
    private final StoreCheckpoints checkpoints;
    private final StoreRepair repair;
    /** Held for writing while the writer applies a batch in memory, and while closing. */
    private final ReentrantReadWriteLock consistency = new ReentrantReadWriteLock();
    private final MapDbDecisionLog decisionLog;
    private final Clock clock;
    private volatile PreviousRun previousRun = PreviousRun.firstStart();
    private volatile boolean closed;

    private MapDbExecutionStore(StoreFiles files, StoreLock lock, StoreOpening.Opened opened, ExecutionCodec codec,
                                MapDbStoreBuilder options, boolean checkpointAtStart) {
        this.files = files;
        this.clock = options.clock();
        this.lock = lock;
        this.maps = opened.maps();
        this.codec = codec;
        this.repair = opened.repair();
        this.writes = new ExecutionWrites(maps, codec, options.clock());
        this.checkpoints = new StoreCheckpoints(files, codec);
        this.commits = new JournaledCommits(maps, writes, opened.journal(), checkpoints, consistency.writeLock(),
                opened.sequence(), options.mapDbCommitInterval(), options.journalLimit());
        Runnable beforeFirstBatch = checkpointAtStart ? commits::checkpoint : () -> { };
        this.writer = new GroupCommitWriter(commits, consistency.writeLock(), options.groupCommitWindow(),
                options.maxBatch(), beforeFirstBatch);
        this.decisionLog = new MapDbDecisionLog(this::submitDecisions, this::readDecisions);
    }

    /**
     * Opens (creating if needed) the store in {@code storeDir} with default options. When the last-good
     * checkpoint is not current (first start, or after a crash), the writer refreshes it before the first
     * write: reads go on, the first writes wait for the copy.
     *
     * @throws StoreLockedException  at once, if another process (or this one) has it open
     * @throws StoreCorruptException if the file is damaged; it has been moved aside, never deleted
     * @throws StoreSchemaException  if a newer Harbormaster wrote it; the file is left untouched
     */
    public static MapDbExecutionStore open(Path storeDir) {
        return builder(storeDir).open();
    }

    public static MapDbStoreBuilder builder(Path storeDir) {
        return new MapDbStoreBuilder(storeDir);
    }

    /**
     * Puts the last-good checkpoint in place of the store file, keeping the current file aside. The
     * store must not be open anywhere.
     *
     * @return where the file it replaced went, empty if there was none
     */
    public static Optional<Path> restoreCheckpoint(Path storeDir) {
        StoreLock held = StoreLock.acquire(storeDir);
        try {
            return Optional.ofNullable(new StoreFiles(storeDir).restoreCheckpoint(Instant.now()));
        } catch (IOException e) {
            throw new StoreException("Could not restore the checkpoint in " + storeDir + ": " + e.getMessage(), e);
        } finally {
            held.close();
        }
    }

    static MapDbExecutionStore open(MapDbStoreBuilder options) {
        Path dir = options.storeDir();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Could not create the store directory " + dir + ": " + e.getMessage(), e);
        }
        StoreLock lock = StoreLock.acquire(dir);
        boolean opened = false;
        try {
            StoreFiles files = new StoreFiles(dir);
            boolean checkpointAtStart = needsCheckpoint(files);
            // taken before MapDB touches the files: after a crash, when the dead run last wrote
            boolean fresh = !hasContent(files.db());
            Instant lastWrite = RunRecords.lastWrite(files);
            ExecutionCodec codec = new ExecutionCodec();
            StoreOpening.Opened parts = StoreOpening.open(files, codec, options.clock());
            MapDbExecutionStore store = new MapDbExecutionStore(files, lock, parts, codec, options,
                    checkpointAtStart || parts.repair() != null);
            // after the journal is replayed, and committed to MapDB directly: run records are not journaled
            store.previousRun = beginRun(files, parts.maps(), fresh, lastWrite, options.clock().instant());
            store.writer.start();
            opened = true;
            return store;
        } finally {
            if (!opened) {
                lock.close();
            }
        }
    }

    private static boolean hasContent(Path db) {
        try {
            return Files.size(db) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static PreviousRun beginRun(StoreFiles files, StoreMaps maps, boolean fresh, Instant lastWrite,
                                        Instant now) {
        try {
            PreviousRun previous = maps.beginRun(fresh, lastWrite, now);
            LOG.info("Store {} opened; {}", files.db(), previous.describe());
            return previous;
        } catch (DBException | IOError e) {
            try {
                maps.db.close();
            } catch (DBException | IOError closing) {
                e.addSuppressed(closing);
            }
            throw new StoreException("The store " + files.db() + " opened but could not record this node's start ("
                    + e + "); check that the disk is writable and has space", e);
        }
    }

    /**
     * A checkpoint is taken at start unless it is current. After a crash it is taken too, once the journal
     * has been applied: the journal is emptied only behind a checkpoint that was checked.
     */
    private static boolean needsCheckpoint(StoreFiles files) {
        try {
            return !files.checkpointIsCurrent();
        } catch (IOException e) {
            LOG.warn("Could not inspect the store files; skipping the start checkpoint", e);
            return false;
        }
    }

    /** What opening did about a damaged store file, if it found one: for the node to tell the operator. */
    public Optional<StoreRepair> repair() {
        return Optional.ofNullable(repair);
    }

    @Override
    public Execution create(Execution accepted) {
        Objects.requireNonNull(accepted, "accepted");
        return createAll(List.of(accepted)).get(0);
    }

    /** Stores all or none of {@code accepted} in one commit, each as {@link #create} would. */
    public List<Execution> createAll(List<Execution> accepted) {
        List<ExecutionWrites.Prepared> prepared = accepted.stream().map(writes::prepareCreate).toList();
        return submit(writes.apply(prepared));
    }

    @Override
    public Execution transition(String id, long expectedRevision, Transition transition) {
        Objects.requireNonNull(transition, "transition");
        Execution stored = current(id, expectedRevision);
        return submit(writes.apply(List.of(writes.prepareTransition(stored, transition)))).get(0);
    }

    @Override
    public Execution update(String id, long expectedRevision, UnaryOperator<Execution> change, String note) {
        Execution stored = current(id, expectedRevision);
        // the change runs here, not on the writer: the writer's CAS proves it saw the same revision
        Execution changed = Objects.requireNonNull(change.apply(stored), "change returned null");
        if (!changed.id().equals(stored.id()) || changed.state() != stored.state()
                || changed.revision() != stored.revision() || !changed.createdAt().equals(stored.createdAt())) {
            throw new IllegalArgumentException("update() may not change the id, state, revision or creation time of "
                    + id + "; states change only through transition()");
        }
        return submit(writes.apply(List.of(writes.prepareReplace(stored, changed, note)))).get(0);
    }

    /** The stored value if it is at {@code expectedRevision}; the writer re-checks before it writes. */
    private Execution current(String id, long expectedRevision) {
        Execution stored = get(id).orElseThrow(() -> new UnknownExecutionException(id));
        if (stored.revision() != expectedRevision) {
            throw new RevisionConflictException(id, expectedRevision, stored.revision());
        }
        return stored;
    }

    @Override
    public Optional<Execution> get(String id) {
        return read(() -> Optional.ofNullable(maps.executions.get(id)).map(codec::decodeExecution));
    }

    @Override
    public List<Execution> inStates(Set<ExecutionState> states) {
        return read(() -> {
            List<String> keys = new ArrayList<>();
            for (ExecutionState state : states) {
                for (String key : maps.byState.subSet(StoreKeys.statePrefix(state), StoreKeys.stateUpperBound(state))) {
                    keys.add(StoreKeys.creationPartOf(key));
                }
            }
            keys.sort(Comparator.naturalOrder());
            return load(keys, states);
        });
    }

    @Override
    public List<Execution> list(Set<ExecutionState> states, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return read(() -> {
            List<String> keys = new ArrayList<>();
            if (states.isEmpty()) {
                take(maps.byCreation.descendingIterator(), limit, keys, key -> key);
            } else {
                for (ExecutionState state : states) {
                    Iterator<String> newestFirst = maps.byState
                            .subSet(StoreKeys.statePrefix(state), true, StoreKeys.stateUpperBound(state), false)
                            .descendingIterator();
                    take(newestFirst, limit, keys, StoreKeys::creationPartOf);
                }
            }
            keys.sort(Comparator.reverseOrder());
            List<String> newest = keys.subList(0, Math.min(limit, keys.size()));
            return load(newest, states.isEmpty() ? Set.of(ExecutionState.values()) : states);
        });
    }

    @Override
    public List<Execution> listBefore(Execution older, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return read(() -> {
            NavigableSet<String> before = older == null ? maps.byCreation
                    : maps.byCreation.headSet(StoreKeys.creationKey(older.createdAt(), older.id()), false);
            List<String> keys = new ArrayList<>();
            take(before.descendingIterator(), limit, keys, key -> key);
            return load(keys, EnumSet.allOf(ExecutionState.class));
        });
    }

    @Override
    public Map<ExecutionState, Integer> countByState() {
        return read(() -> {
            Map<ExecutionState, Integer> counts = new EnumMap<>(ExecutionState.class);
            for (ExecutionState state : ExecutionState.values()) {
                counts.put(state, maps.counts.getOrDefault(state.name(), 0L).intValue());
            }
            return counts;
        });
    }

    @Override
    public List<HistoryEvent> history(String id) {
        return read(() -> maps.history
                .subMap(StoreKeys.historyPrefix(id), StoreKeys.historyUpperBound(id))
                .values().stream().map(codec::decodeHistory).toList());
    }

    @Override
    public PreviousRun previousRun() {
        return previousRun;
    }

    @Override
    public DecisionLog decisions() {
        return decisionLog;
    }

    @Override
    public RecoveryPlanStore recoveryPlans() {
        return new RecoveryPlanStore() {
            @Override
            public List<DecisionRecord> save(String planId, byte[] header, Map<String, byte[]> items,
                                             List<DecisionRecord> decisions) {
                StoreKeys.requireValidId(planId);
                items.keySet().forEach(StoreKeys::requireValidId);
                return submit(writes.savePlan(planId, header, Map.copyOf(items), List.copyOf(decisions)));
            }

            @Override
            public Optional<String> currentPlanId() {
                return read(() -> Optional.ofNullable(maps.meta.get(StoreKeys.CURRENT_PLAN)));
            }

            @Override
            public Optional<byte[]> header(String planId) {
                return read(() -> Optional.ofNullable(maps.recoveryPlans.get(StoreKeys.planHeaderKey(planId))));
            }

            @Override
            public List<byte[]> items(String planId) {
                return read(() -> new ArrayList<>(maps.recoveryPlans.subMap(StoreKeys.planHeaderKey(planId), false,
                        StoreKeys.planUpperBound(planId), false).values()));
            }
        };
    }

    @Override
    public List<String> prune(RetentionPolicy policy, Instant now) {
        List<String> candidates = read(() -> StoreRetention.candidates(maps, codec, policy, now));
        List<String> removed = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += PRUNE_CHUNK) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + PRUNE_CHUNK));
            removed.addAll(submit(writes.removeFinished(List.copyOf(chunk))));
        }
        if (!removed.isEmpty()) {
            LOG.info("Pruned {} finished executions", removed.size());
        }
        return removed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        writer.stop();
        consistency.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            commits.commitBeforeClose();
            recordCleanStop();
            maps.db.close();
            if (checkpoints.take(commits.sequence())) {
                commits.journal().reset();
            }
            commits.journal().close();
        } catch (IOException e) {
            LOG.warn("Could not empty the store journal {} after the closing checkpoint; the next start replays"
                    + " it", files.journal(), e);
        } catch (DBException | IOError e) {
            LOG.error("Closing the store {} failed", files.db(), e);
            throw new StoreException("The store could not be closed cleanly: " + e, e);
        } finally {
            consistency.writeLock().unlock();
            lock.close();
        }
    }

    /** A stop that could not be recorded reads as a crash at the next start: wrong in the safe direction. */
    private void recordCleanStop() {
        try {
            maps.endRunCleanly(clock.instant());
        } catch (DBException | IOError e) {
            LOG.warn("Could not record the clean stop in {}; the next start will report a crash", files.db(), e);
        }
    }

    private List<DecisionRecord> submitDecisions(List<DecisionRecord> entries) {
        entries.forEach(entry -> Objects.requireNonNull(entry, "entry"));
        return submit(writes.append(List.copyOf(entries)));
    }

    private List<DecisionRecord> readDecisions(long fromSequence, int limit) {
        return read(() -> {
            List<DecisionRecord> entries = new ArrayList<>();
            take(maps.decisions.tailMap(fromSequence, true).values().iterator(), limit, entries,
                    codec::decodeDecision);
            return entries;
        });
    }

    private <T> T submit(GroupCommitWriter.Write<T> write) {
        if (closed) {
            throw closedException();
        }
        return writer.submit(write);
    }

    private <T> T read(Supplier<T> query) {
        consistency.readLock().lock();
        try {
            if (closed) {
                throw closedException();
            }
            return query.get();
        } finally {
            consistency.readLock().unlock();
        }
    }

    private List<Execution> load(List<String> creationKeys, Set<ExecutionState> states) {
        List<Execution> found = new ArrayList<>(creationKeys.size());
        for (String key : creationKeys) {
            byte[] bytes = maps.executions.get(StoreKeys.idOf(key));
            if (bytes != null) {
                Execution execution = codec.decodeExecution(bytes);
                if (states.contains(execution.state())) {
                    found.add(execution);
                }
            }
        }
        return found;
    }

    private static <S, T> void take(Iterator<S> source, int limit, List<T> into,
                                    Function<S, T> mapping) {
        for (int i = 0; i < limit && source.hasNext(); i++) {
            into.add(mapping.apply(source.next()));
        }
    }

    private StoreException closedException() {
        return new StoreException("The execution store " + files.dir() + " is closed");
    }

    /** Blocks until the start-up checkpoint (if any) is written: for tests and the benchmark. */
    void awaitWriter() {
        submit(() -> null);
    }
}
