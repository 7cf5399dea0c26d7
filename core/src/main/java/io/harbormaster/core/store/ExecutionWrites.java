package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionTransitions;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.store.GroupCommitWriter.Write;
import io.harbormaster.core.store.StoreChange.Collection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's writes in two halves. {@code prepare...} runs on the caller's thread: it checks the
 * edge and encodes the JSON. {@link #apply} runs on the writer thread: it checks each revision against
 * the batch so far and puts the prepared records, so the single writer does as little as possible.
 */
final class ExecutionWrites {

    /** A new value ready to store; {@code previous} is null for a create, {@code event} null for no history. */
    record Prepared(Execution previous, Execution next, byte[] encoded, byte[] event) {
    }

    private final StoreMaps maps;
    private final ExecutionCodec codec;
    private final Clock clock;
    /** id -> revision as applied so far, batch included; writer thread only, cleared on rollback. */
    private final Map<String, Long> revisions = new HashMap<>();

    ExecutionWrites(StoreMaps maps, ExecutionCodec codec, Clock clock) {
        this.maps = maps;
        this.codec = codec;
        this.clock = clock;
    }

    Prepared prepareCreate(Execution accepted) {
        StoreKeys.requireValidId(accepted.id());
        Execution first = accepted.withRevision(1, accepted.updatedAt());
        HistoryEvent event = new HistoryEvent(first.createdAt(), null, first.state(), first.attempts(), first.reason());
        return new Prepared(null, first, codec.encode(first), codec.encode(event));
    }

    /** {@code stored} is the value at the caller's expected revision; the writer checks it is still current. */
    Prepared prepareTransition(Execution stored, Transition transition) {
        ExecutionTransitions.check(stored.id(), stored.state(), transition.to(), transition.kind());
        Instant now = clock.instant();
        Execution next = stored.transitioned(transition.to(), transition.reason(), now, stored.revision() + 1);
        if (transition.exitCode() != null) {
            next = next.withExitCode(transition.exitCode());
        }
        HistoryEvent event = new HistoryEvent(now, stored.state(), next.state(), next.attempts(), transition.reason());
        return new Prepared(stored, next, codec.encode(next), codec.encode(event));
    }

    Prepared prepareReplace(Execution stored, Execution changed, String note) {
        Instant now = clock.instant();
        Execution next = changed.withRevision(stored.revision() + 1, now);
        byte[] event = note == null ? null
                : codec.encode(new HistoryEvent(now, stored.state(), stored.state(), stored.attempts(), note));
        return new Prepared(stored, next, codec.encode(next), event);
    }

    /** All or none: every create must be new and every change must find its expected revision. */
    Write<List<Execution>> apply(List<Prepared> prepared) {
        return () -> {
            Set<String> created = new HashSet<>();
            for (Prepared write : prepared) {
                String id = write.next().id();
                if (write.previous() == null) {
                    if (!created.add(id) || currentRevision(id) != null) {
                        throw new DuplicateExecutionException(id);
                    }
                } else {
                    Long actual = currentRevision(id);
                    if (actual == null) {
                        throw new UnknownExecutionException(id);
                    }
                    if (actual != write.previous().revision()) {
                        throw new RevisionConflictException(id, write.previous().revision(), actual);
                    }
                }
            }
            List<Execution> stored = new ArrayList<>(prepared.size());
            for (Prepared write : prepared) {
                Execution next = write.next();
                maps.put(write.previous(), next, write.encoded());
                if (write.event() != null) {
                    maps.set(Collection.HISTORY, StoreKeys.historyKey(next.id(), next.revision()), write.event());
                }
                revisions.put(next.id(), next.revision());
                stored.add(next);
            }
            return stored;
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
            for (Execution execution : doomed) {
                maps.remove(execution);
                revisions.remove(execution.id());
            }
            return doomed.stream().map(Execution::id).toList();
        };
    }

    Write<List<DecisionRecord>> append(List<DecisionRecord> entries) {
        return () -> {
            List<DecisionRecord> stored = new ArrayList<>(entries.size());
            long sequence = maps.decisionSequence.get();
            for (DecisionRecord entry : entries) {
                sequence++;
                DecisionRecord numbered = new DecisionRecord(sequence, entry.at(), entry.planId(), entry.executionId(),
                        entry.kind(), entry.actor(), entry.detail());
                maps.set(Collection.DECISIONS, sequence, codec.encode(numbered));
                stored.add(numbered);
            }
            maps.set(Collection.DECISION_SEQUENCE, null, sequence);
            return stored;
        };
    }

    /** A recovery plan's header (if any, then also the current plan), items and decisions, in one commit. */
    Write<List<DecisionRecord>> savePlan(String planId, byte[] header, Map<String, byte[]> items,
                                         List<DecisionRecord> decisions) {
        Write<List<DecisionRecord>> appendDecisions = append(decisions);
        return () -> {
            if (header != null) {
                maps.set(Collection.RECOVERY_PLANS, StoreKeys.planHeaderKey(planId), header);
                maps.set(Collection.META, StoreKeys.CURRENT_PLAN, planId);
            }
            items.forEach((executionId, item) ->
                    maps.set(Collection.RECOVERY_PLANS, StoreKeys.planItemKey(planId, executionId), item));
            return decisions.isEmpty() ? List.of() : appendDecisions.apply();
        };
    }

    /** The batch's last in-memory changes: its count updates. */
    void flush() {
        maps.flushCounts();
    }

    /** Forgets what the writer believed about revisions: the maps are being rolled back under it. */
    void forgetRevisions() {
        revisions.clear();
    }

    private Long currentRevision(String id) {
        Long known = revisions.get(id);
        if (known != null) {
            return known;
        }
        byte[] bytes = maps.executions.get(id);
        if (bytes == null) {
            return null;
        }
        long revision = codec.decodeExecution(bytes).revision();
        revisions.put(id, revision);
        return revision;
    }
}
