package io.harbormaster.core.store;

import static io.harbormaster.core.execution.ExecutionState.CANCELLED;
import static io.harbormaster.core.execution.ExecutionState.PENDING;
import static io.harbormaster.core.execution.ExecutionState.RUNNING;
import static io.harbormaster.core.execution.ExecutionState.STARTING;
import static io.harbormaster.core.store.StoreFixtures.acceptedNth;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDbStoreRetentionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private MapDbExecutionStore store;

    @BeforeEach
    void openStore() {
        store = MapDbExecutionStore.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC)).open();
        // e-00000 pending, e-00001 starting, e-00002 running, e-00003..e-00005 cancelled; all created months ago
        for (int n = 0; n < 6; n++) {
            store.create(acceptedNth(n));
        }
        store.transition("e-00001", 1, Transition.to(STARTING, "start"));
        store.transition("e-00002", 1, Transition.to(STARTING, "start"));
        store.transition("e-00002", 2, Transition.to(RUNNING, "up"));
        for (int n = 3; n < 6; n++) {
            store.transition(acceptedNth(n).id(), 1, Transition.to(CANCELLED, "no"));
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void pruneByAgeRemovesOnlyFinishedExecutionsWithTheirHistory() {
        var removed = store.prune(new RetentionPolicy(Duration.ofDays(1), 1_000), NOW.plus(Duration.ofDays(2)));

        assertThat(removed).containsExactlyInAnyOrder("e-00003", "e-00004", "e-00005");
        assertThat(store.get("e-00003")).isEmpty();
        assertThat(store.history("e-00003")).isEmpty();
        assertThat(store.list(Set.of(), 100)).extracting(Execution::id)
                .containsExactly("e-00002", "e-00001", "e-00000");
        assertThat(store.countByState()).containsEntry(CANCELLED, 0).containsEntry(PENDING, 1)
                .containsEntry(STARTING, 1).containsEntry(RUNNING, 1);
    }

    @Test
    void pruneNeverRemovesLiveOrPendingExecutionsEvenWithNothingAllowed() {
        var removed = store.prune(new RetentionPolicy(Duration.ZERO, 0), NOW.plus(Duration.ofDays(3650)));

        assertThat(removed).hasSize(3);
        assertThat(store.inStates(Set.of(PENDING, STARTING, RUNNING))).extracting(Execution::id)
                .containsExactly("e-00000", "e-00001", "e-00002");
    }

    @Test
    void pruneByCountKeepsTheNewestFinishedOnes() {
        var removed = store.prune(new RetentionPolicy(Duration.ofDays(365), 1), NOW);

        assertThat(removed).containsExactlyInAnyOrder("e-00003", "e-00004");
        assertThat(store.inStates(Set.of(CANCELLED))).extracting(Execution::id).containsExactly("e-00005");
    }

    @Test
    void pruneWithinThePolicyRemovesNothing() {
        assertThat(store.prune(RetentionPolicy.DEFAULT, NOW)).isEmpty();
        assertThat(store.list(Set.of(), 100)).hasSize(6);
    }
}
