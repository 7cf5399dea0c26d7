package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a closed store's file directly and checks that its indexes agree with its executions. */
final class StoreInvariants {

    private StoreInvariants() {
    }

    /** Every execution is in exactly one state index entry, the one of its state; counts agree. Returns the count. */
    static int assertEveryExecutionInExactlyOneState(Path storeDir) {
        ExecutionCodec codec = new ExecutionCodec();
        StoreMaps maps = StoreMaps.open(storeDir.resolve(StoreFiles.DB_NAME), codec);
        try {
            Map<String, String> indexedState = new HashMap<>();
            Map<String, Long> perState = new HashMap<>();
            for (String key : maps.byState) {
                String id = StoreKeys.idOf(key);
                String state = key.substring(0, key.indexOf(StoreKeys.SEPARATOR));
                assertThat(indexedState.put(id, state)).as("second state entry for %s", id).isNull();
                perState.merge(state, 1L, Long::sum);
            }
            int executions = 0;
            for (byte[] bytes : maps.executions.values()) {
                Execution execution = codec.decodeExecution(bytes);
                assertThat(indexedState.get(execution.id())).as("state index of %s", execution.id())
                        .isEqualTo(execution.state().name());
                executions++;
            }
            assertThat(indexedState).hasSize(executions);
            assertThat(maps.byCreation).hasSize(executions);
            perState.forEach((state, count) -> assertThat(maps.counts.get(state)).as("count of %s", state)
                    .isEqualTo(count));
            return executions;
        } finally {
            maps.db.close();
        }
    }
}
