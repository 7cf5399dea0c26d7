package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which finished executions a {@link RetentionPolicy} lets go. Live and pending ones are never candidates. */
final class StoreRetention {

    private StoreRetention() {
    }

    /** Finished executions beyond the newest {@code maxCount}, then those of the rest older than {@code maxAge}. */
    static List<String> candidates(StoreMaps maps, ExecutionCodec codec, RetentionPolicy policy, Instant now) {
        List<String> finished = new ArrayList<>();
        for (ExecutionState state : ExecutionState.values()) {
            if (state.isTerminal()) {
                finished.addAll(maps.byState.subSet(StoreKeys.statePrefix(state), StoreKeys.stateUpperBound(state))
                        .stream().map(StoreKeys::creationPartOf).toList());
            }
        }
        finished.sort(Comparator.reverseOrder());
        int keep = Math.max(0, Math.min(policy.maxCount(), finished.size()));
        List<String> doomed = new ArrayList<>();
        finished.subList(keep, finished.size()).forEach(key -> doomed.add(StoreKeys.idOf(key)));
        Instant cutoff = policy.maxAge() == null ? Instant.MIN : now.minus(policy.maxAge());
        for (String key : finished.subList(0, keep)) {
            String id = StoreKeys.idOf(key);
            byte[] bytes = maps.executions.get(id);
            if (bytes != null && finishedAt(codec.decodeExecution(bytes)).isBefore(cutoff)) {
                doomed.add(id);
            }
        }
        return doomed;
    }

    private static Instant finishedAt(Execution execution) {
        return execution.finishedAt() != null ? execution.finishedAt() : execution.updatedAt();
    }
}
