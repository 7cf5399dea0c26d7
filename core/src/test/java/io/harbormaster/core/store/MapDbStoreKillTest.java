package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a process writing the store, repeated, each after 400 acknowledged writes. Kept out of
 * {@code verify} (tag {@code soak}) for its length; {@link StoreSigkillTest} kills at random instants in
 * {@code verify}. MapDB 3.1.0 sometimes reopens such a store with "Broken bit parity"; the store then
 * rebuilds it from its checkpoint and journal, so every repetition must pass. Run with
 * {@code ./mvnw -Psoak -pl core test -Dtest=MapDbStoreKillTest}.
 */
@Tag("soak")
class MapDbStoreKillTest {

    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dir;

    @RepeatedTest(25)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesSigkillAndEveryExecutionIsInOneState() throws Exception {
        Map<String, Long> acknowledged = new HashMap<>();
        PipedChildJvm child = PipedChildJvm.start(StoreWriterMain.class, dir.toString(), "4");
        try {
            while (acknowledged.size() < ACKS_BEFORE_KILL / 4 || count(acknowledged) < ACKS_BEFORE_KILL) {
                String line = child.nextLineStartingWith("ACK ");
                assertThat(line).as("the writer died before the kill").isNotNull();
                record(acknowledged, line);
            }
            // destroyForcibly also closes our end of the pipe: acks still in it go unchecked, never wrongly
            child.kill();
        } finally {
            child.close();
        }

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            acknowledged.forEach((id, revision) -> {
                Execution stored = store.get(id).orElseThrow(() -> new AssertionError(id + " lost"));
                assertThat(stored.revision()).as("revision of %s", id).isGreaterThanOrEqualTo(revision);
                assertThat(store.history(id)).as("history of %s", id).hasSize((int) stored.revision());
            });
        }
        int stored = StoreInvariants.assertEveryExecutionInExactlyOneState(dir);
        assertThat(stored).isGreaterThanOrEqualTo(acknowledged.size());
    }

    private static void record(Map<String, Long> acknowledged, String line) {
        String[] parts = line.split(" ");
        acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
    }

    private static long count(Map<String, Long> acknowledged) {
        return acknowledged.values().stream().mapToLong(Long::longValue).sum();
    }
}
