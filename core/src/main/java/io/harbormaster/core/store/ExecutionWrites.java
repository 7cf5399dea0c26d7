package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionTransitions;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.store.GroupCommitWriter.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The writes the group-commit writer applies. Each one runs on the writer thread, sees the writes
 * applied before it in the same batch, and validates everything before its first change.
 */
final class ExecutionWrites {

    private final StoreMaps maps;
    private final ExecutionCodec codec;
    private final Clock clock;

    ExecutionWrites(StoreMaps maps, ExecutionCodec codec, Clock clock) {
        this.maps = maps;
        this.codec = codec;
        this.clock = clock;
    }

    Write<List<Execution>> create(List<Execution> accepted) {
        return () -> {
            Set<String> ids = new HashSet<>();
            for (Execution execution : accepted) {
                StoreKeys.requireValidId(execution.id());
                if (!ids.add(execution.id()) || maps.executions.containsKey(execution.id())) {
                    throw new DuplicateExecutionException(execution.id());
                }
            }
            List<Execution> stored = new ArrayList<>(accepted.size());
            List<byte[]> encoded = new ArrayList<>(accepted.size());
            List<byte[]> events = new ArrayList<>(accepted.size());
            for (Execution execution : accepted) {
                Execution first = execution.withRevision(1, execution.updatedAt());
                stored.add(first);
                encoded.add(codec.encode(first));
                events.add(codec.encode(new HistoryEvent(first.createdAt(), null, first.state(),
                        first.attempts(), first.reason())));
            }
            for (int i = 0; i < stored.size(); i++) {
                Execution first = stored.get(i);
                maps.put(null, first, encoded.get(i));
                maps.history.put(StoreKeys.historyKey(first.id(), first.revision()), events.get(i));
            }
            return stored;
        };
    }

    Write<Execution> transition(String id, long expectedRevision, Transition transition) {
        return () -> {
            Execution stored = current(id, expectedRevision);
            ExecutionTransitions.check(id, stored.state(), transition.to(), transition.kind());
            Instant now = clock.instant();
            Execution next = stored.transitioned(transition.to(), transition.reason(), now, stored.revision() + 1);
            if (transition.exitCode() != null) {
                next = next.withExitCode(transition.exitCode());
            }
            HistoryEvent event = new HistoryEvent(now, stored.state(), next.state(), next.attempts(),
                    transition.reason());
            write(stored, next, event);
            return next;
        };
    }

    /** Stores {@code changed} (computed by the caller from revision {@code expectedRevision}) as the next revision. */
    Write<Execution> replace(String id, long expectedRevision, Execution changed, String note) {
        return () -> {
            Execution stored = current(id, expectedRevision);
            Instant now = clock.instant();
            Execution next = changed.withRevision(stored.revision() + 1, now);
            HistoryEvent event = note == null ? null
                    : new HistoryEvent(now, stored.state(), stored.state(), stored.attempts(), note);
            write(stored, next, event);
            return next;
        };
    }

    /** Removes those of {@code ids} that are still stored and finished. */
    Write<List<String>> removeFinished(List<String> ids) {
        return () -> {
            List<Execution> doomed = new ArrayList<>();
            for (String id : ids) {
                byte[] bytes = maps.executions.get(id);
                if (bytes != null) {
                    Execution stored = codec.decodeExecution(bytes);
                    if (stored.state().isTerminal()) {
                        doomed.add(stored);
                    }
                }
            }
            doomed.forEach(maps::remove);
            return doomed.stream().map(Execution::id).toList();
        };
    }

    Write<DecisionRecord> append(DecisionRecord entry) {
        return () -> {
            long sequence = maps.decisionSequence.get() + 1;
            DecisionRecord stored = new DecisionRecord(sequence, entry.at(), entry.planId(), entry.executionId(),
                    entry.kind(), entry.actor(), entry.detail());
            byte[] encoded = codec.encode(stored);
            maps.decisionSequence.set(sequence);
            maps.decisions.put(sequence, encoded);
            return stored;
        };
    }

    private Execution current(String id, long expectedRevision) {
        byte[] bytes = maps.executions.get(id);
        if (bytes == null) {
            throw new UnknownExecutionException(id);
        }
        Execution stored = codec.decodeExecution(bytes);
        if (stored.revision() != expectedRevision) {
            throw new RevisionConflictException(id, expectedRevision, stored.revision());
        }
        return stored;
    }

    private void write(Execution stored, Execution next, HistoryEvent event) {
        byte[] encoded = codec.encode(next);
        byte[] encodedEvent = event == null ? null : codec.encode(event);
        maps.put(stored, next, encoded);
        if (encodedEvent != null) {
            maps.history.put(StoreKeys.historyKey(next.id(), next.revision()), encodedEvent);
        }
    }
}
