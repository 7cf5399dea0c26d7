package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.store.StoreChange.Collection;
import java.io.IOError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MapDB file and its named collections. Opening reads only the metadata and a bounded sample,
 * so a store of any size opens in milliseconds; MapDB throws on the sample if the file is damaged.
 */
final class StoreMaps {

    static final int SCHEMA_VERSION = 1;
    static final String SCHEMA_KEY = "schemaVersion";
    /** The last journal record whose changes this file holds, written in the same MapDB commit. */
    static final String JOURNAL_SEQUENCE_KEY = "journalSequence";
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaps.class);
    private static final int SAMPLE = 32;

    final DB db;
    final BTreeMap<String, String> meta;
    /** id -> execution JSON. */
    final BTreeMap<String, byte[]> executions;
    /** {@code STATE|createdAt|id}: what {@code inStates} walks instead of scanning everything. */
    final NavigableSet<String> byState;
    /** {@code createdAt|id}: {@code list} newest first without loading everything. */
    final NavigableSet<String> byCreation;
    /** {@code id|revision} -> history event JSON. */
    final BTreeMap<String, byte[]> history;
    /** state name -> number of executions in it, kept in the same commit as the index. */
    final BTreeMap<String, Long> counts;
    final BTreeMap<Long, byte[]> decisions;
    final Atomic.Long decisionSequence;
    /** {@code planId|} -> plan header JSON, {@code planId|executionId} -> plan item JSON. */
    final BTreeMap<String, byte[]> recoveryPlans;
    /** Count changes of the batch being applied; touched by the writer thread only. */
    private final Map<String, Long> countDeltas = new HashMap<>();
    /** Every change since the last {@link #takeChanges()}, for the journal; writer thread only. */
    private final List<StoreChange> changes = new ArrayList<>();

    private StoreMaps(DB db, BTreeMap<String, String> meta) {
        this.db = db;
        this.meta = meta;
        // values outside the B-tree nodes: otherwise every put rewrites a node of 32 whole executions
        this.executions = db.treeMap("executions", Serializer.STRING, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.byState = db.treeSet("executionsByState", Serializer.STRING).createOrOpen();
        this.byCreation = db.treeSet("executionsByCreation", Serializer.STRING).createOrOpen();
        this.history = db.treeMap("history", Serializer.STRING, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.counts = db.treeMap("countsByState", Serializer.STRING, Serializer.LONG).createOrOpen();
        this.decisions = db.treeMap("decisions", Serializer.LONG, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.decisionSequence = db.atomicLong("decisionSequence").createOrOpen();
        this.recoveryPlans = db.treeMap("recoveryPlans", Serializer.STRING, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
    }

    /**
     * Records that a run has the store open, in one commit, and returns what the records said about the run before.
     * Only a node's store open calls this: a look at the file (a test, a check) is not a run.
     */
    PreviousRun beginRun(boolean fresh, Instant lastWrite, Instant now) {
        PreviousRun previous = RunRecords.previous(meta, fresh, lastWrite);
        RunRecords.markStarted(meta, now);
        db.commit();
        return previous;
    }

    /** Records this run's clean stop, in one commit; the next open reads it as a clean restart. */
    void endRunCleanly(Instant now) {
        RunRecords.markCleanStop(meta, now);
        db.commit();
    }

    /**
     * Opens (or creates) the file, checks the schema before anything could be written, and reads a
     * sample. MapDB's own exceptions ({@code DBException}, {@code IOError}) escape for the caller to
     * classify.
     */
    static StoreMaps open(Path file, ExecutionCodec codec) {
        boolean existed = file.toFile().length() > 0;
        DB db = DBMaker.fileDB(file.toFile())
                .transactionEnable()
                .fileChannelEnable()
                .make();
        boolean opened = false;
        try {
            boolean fresh = !db.getAllNames().iterator().hasNext();
            BTreeMap<String, String> meta = db.treeMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
            String found = meta.get(SCHEMA_KEY);
            if (found == null && (existed || !fresh)) {
                // an existing file that reads as empty lost its content: never silently start over
                throw new DBException.DataCorruption("the store file holds no schema version");
            }
            if (found != null && Integer.parseInt(found) > SCHEMA_VERSION) {
                db.rollback();
                throw new StoreSchemaException(file.toString(), Integer.parseInt(found), SCHEMA_VERSION);
            }
            StoreMaps maps = new StoreMaps(db, meta);
            if (fresh) {
                meta.put(SCHEMA_KEY, Integer.toString(SCHEMA_VERSION));
                db.commit();
            }
            maps.validate(codec);
            opened = true;
            return maps;
        } catch (NumberFormatException e) {
            throw new DBException.DataCorruption("unreadable schema version: " + e.getMessage());
        } finally {
            if (!opened) {
                closeAfterFailure(db);
            }
        }
    }

    /** The original failure matters more than a damaged file's refusal to close. */
    private static void closeAfterFailure(DB db) {
        try {
            if (!db.isClosed()) {
                db.close();
            }
        } catch (DBException | IOError e) {
            LOG.debug("Closing a store that failed to open failed", e);
        }
    }

    /**
     * Reads both ends of every collection and decodes what it read: the newest records sit at the
     * end of the file, so a truncation or a torn tail shows up here rather than in the middle of a run.
     */
    private void validate(ExecutionCodec codec) {
        sampleEnds(executions).forEach(codec::decodeExecution);
        // every unfinished execution is read at start anyway: a damaged one must show here, where the file
        // can still be moved aside and the checkpoint offered, not halfway through the node's start
        for (ExecutionState state : ExecutionState.values()) {
            if (!state.isTerminal()) {
                for (String key : byState.subSet(StoreKeys.statePrefix(state), StoreKeys.stateUpperBound(state))) {
                    byte[] bytes = executions.get(StoreKeys.idOf(key));
                    if (bytes != null) {
                        codec.decodeExecution(bytes);
                    }
                }
            }
        }
        sampleEnds(history).forEach(codec::decodeHistory);
        sampleEnds(decisions).forEach(codec::decodeDecision);
        for (NavigableSet<String> index : List.of(byState, byCreation)) {
            touch(index.iterator());
            touch(index.descendingIterator());
        }
        long indexed = 0;
        for (Long count : counts.values()) {
            indexed += count;
        }
        if (indexed < 0 || decisionSequence.get() < 0) {
            throw new DBException.DataCorruption("negative counter in the store");
        }
    }

    private static <K> List<byte[]> sampleEnds(NavigableMap<K, byte[]> map) {
        List<byte[]> sample = new ArrayList<>();
        Iterator<byte[]> first = map.values().iterator();
        for (int i = 0; i < SAMPLE && first.hasNext(); i++) {
            sample.add(first.next());
        }
        Iterator<byte[]> last = map.descendingMap().values().iterator();
        for (int i = 0; i < SAMPLE && last.hasNext(); i++) {
            sample.add(last.next());
        }
        return sample;
    }

    private static void touch(Iterator<String> keys) {
        for (int i = 0; i < SAMPLE && keys.hasNext(); i++) {
            keys.next();
        }
    }

    /** Puts a new or changed execution and keeps both indexes and the counts in step. */
    void put(Execution previous, Execution next, byte[] encoded) {
        set(Collection.EXECUTIONS, next.id(), encoded);
        String newKey = StoreKeys.stateKey(next.state(), next.createdAt(), next.id());
        // add before remove, so a reader walking the index never misses the execution
        set(Collection.BY_STATE, newKey, Collection.SET_MEMBER);
        if (previous == null) {
            set(Collection.BY_CREATION, StoreKeys.creationKey(next.createdAt(), next.id()), Collection.SET_MEMBER);
            adjustCount(next.state(), 1);
        } else if (previous.state() != next.state()) {
            delete(Collection.BY_STATE, StoreKeys.stateKey(previous.state(), previous.createdAt(), previous.id()));
            adjustCount(previous.state(), -1);
            adjustCount(next.state(), 1);
        }
    }

    /** Removes an execution, its index entries and its history. */
    void remove(Execution stored) {
        delete(Collection.EXECUTIONS, stored.id());
        delete(Collection.BY_STATE, StoreKeys.stateKey(stored.state(), stored.createdAt(), stored.id()));
        delete(Collection.BY_CREATION, StoreKeys.creationKey(stored.createdAt(), stored.id()));
        for (String key : new ArrayList<>(history.subMap(StoreKeys.historyPrefix(stored.id()),
                StoreKeys.historyUpperBound(stored.id())).keySet())) {
            delete(Collection.HISTORY, key);
        }
        adjustCount(stored.state(), -1);
    }

    private void adjustCount(ExecutionState state, long delta) {
        countDeltas.merge(state.name(), delta, Long::sum);
    }

    /** Writes the batch's count changes: once per commit rather than twice per transition. */
    void flushCounts() {
        countDeltas.forEach((state, delta) -> {
            if (delta != 0) {
                set(Collection.COUNTS, state, counts.getOrDefault(state, 0L) + delta);
            }
        });
        countDeltas.clear();
    }

    /** Changes a collection and remembers the change for the journal. */
    void set(Collection collection, Object key, Object value) {
        StoreChange change = StoreChange.put(collection, key, value);
        apply(change);
        changes.add(change);
    }

    void delete(Collection collection, Object key) {
        StoreChange change = StoreChange.removal(collection, key);
        apply(change);
        changes.add(change);
    }

    /** Applies a change without remembering it: for replaying the journal. Applying it twice changes nothing more. */
    void apply(StoreChange change) {
        Object key = change.key();
        Object value = change.value();
        boolean removal = change.isRemoval();
        switch (change.collection()) {
            case META -> putOrRemove(meta, (String) key, (String) value);
            case EXECUTIONS -> putOrRemove(executions, (String) key, (byte[]) value);
            case BY_STATE -> addOrRemove(byState, (String) key, removal);
            case BY_CREATION -> addOrRemove(byCreation, (String) key, removal);
            case HISTORY -> putOrRemove(history, (String) key, (byte[]) value);
            case COUNTS -> putOrRemove(counts, (String) key, (Long) value);
            case DECISIONS -> putOrRemove(decisions, (Long) key, (byte[]) value);
            case DECISION_SEQUENCE -> decisionSequence.set(removal ? 0 : (Long) value);
            case RECOVERY_PLANS -> putOrRemove(recoveryPlans, (String) key, (byte[]) value);
            default -> throw new IllegalStateException("unhandled collection " + change.collection());
        }
    }

    private static <K, V> void putOrRemove(Map<K, V> map, K key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static void addOrRemove(NavigableSet<String> set, String key, boolean removal) {
        if (removal) {
            set.remove(key);
        } else {
            set.add(key);
        }
    }

    /** The changes made since the last call, in order; the list is then empty again. */
    List<StoreChange> takeChanges() {
        List<StoreChange> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }

    /** Forgets the changes of a batch that is being rolled back. */
    void discardChanges() {
        countDeltas.clear();
        changes.clear();
    }

    /** The last journal record this file holds, 0 if none (a new store, or one written before the journal). */
    long journalSequence() {
        String value = meta.get(JOURNAL_SEQUENCE_KEY);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new DBException.DataCorruption("unreadable journal sequence: " + value);
        }
    }

    /** Records, for the next MapDB commit, which journal record it completes. Not a journaled change itself. */
    void markJournalSequence(long sequence) {
        meta.put(JOURNAL_SEQUENCE_KEY, Long.toString(sequence));
    }
}
