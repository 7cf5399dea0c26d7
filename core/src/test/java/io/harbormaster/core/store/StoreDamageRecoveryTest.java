package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The damage MapDB 3.1 sometimes leaves after SIGKILL, made on purpose: a writer JVM is killed, then the
 * MapDB file is damaged, and every write the killed process acknowledged must still be there, rebuilt from
 * the last-good checkpoint and the journal.
 */
class StoreDamageRecoveryTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void acknowledgedWritesSurviveATruncatedStoreFileAfterAKill() throws Exception {
        Map<String, Long> acknowledged = writeThenKill();
        Path db = dir.resolve(StoreFiles.DB_NAME);
        try (FileChannel channel = FileChannel.open(db, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 3);
        }

        assertEveryAcknowledgedWriteIsThereAfterARepair(acknowledged);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void acknowledgedWritesSurviveAStoreFileWithGarbageOverItsHeadAfterAKill() throws Exception {
        Map<String, Long> acknowledged = writeThenKill();
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        try (FileChannel channel = FileChannel.open(dir.resolve(StoreFiles.DB_NAME), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), 0);
        }

        assertEveryAcknowledgedWriteIsThereAfterARepair(acknowledged);
    }

    @Test
    void aJournalPastItsLimitIsEmptiedBehindACheckpointThatRebuildsEverything() throws Exception {
        try (MapDbExecutionStore store = MapDbExecutionStore.builder(dir).mapDbCommitInterval(Duration.ZERO)
                .journalLimit(16 * 1024).open()) {
            for (int n = 0; n < 200; n++) {
                store.create(StoreFixtures.acceptedNth(n));
            }
            assertThat(Files.size(dir.resolve(StoreJournal.FILE_NAME))).isLessThan(16 * 1024 + 4096);
            assertThat(dir.resolve(StoreFiles.CHECKPOINT_NAME)).exists();
            // without closing: what a kill would leave, minus the kill
            Files.copy(dir.resolve(StoreFiles.CHECKPOINT_NAME), dir.resolve("checkpoint-copy"));
            Files.copy(dir.resolve(StoreJournal.FILE_NAME), dir.resolve("journal-copy"));
        }
        Files.move(dir.resolve("checkpoint-copy"), dir.resolve(StoreFiles.CHECKPOINT_NAME),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(dir.resolve("journal-copy"), dir.resolve(StoreJournal.FILE_NAME),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(dir.resolve(StoreFiles.DB_NAME), new byte[0]);

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.repair()).isPresent();
            assertThat(store.countByState()).containsEntry(ExecutionState.PENDING, 200);
        }
    }

    private void assertEveryAcknowledgedWriteIsThereAfterARepair(Map<String, Long> acknowledged) {
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.repair()).as("the damage was found and repaired").isPresent();
            assertThat(store.repair().get().movedTo()).exists();
            acknowledged.forEach((id, revision) -> {
                Execution stored = store.get(id).orElseThrow(() -> new AssertionError(id + " lost"));
                assertThat(stored.revision()).as("revision of %s", id).isGreaterThanOrEqualTo(revision);
                assertThat(store.history(id)).as("history of %s", id).hasSize((int) stored.revision());
            });
        }
        assertThat(StoreInvariants.assertEveryExecutionInExactlyOneState(dir)).isGreaterThanOrEqualTo(acknowledged.size());
    }

    /** Runs the crash child until it acknowledged enough writes, SIGKILLs it, and returns what it acknowledged. */
    private Map<String, Long> writeThenKill() throws IOException, InterruptedException {
        Map<String, Long> acknowledged = new HashMap<>();
        PipedChildJvm child = PipedChildJvm.start(StoreCrashMain.class, dir.toString(), "4", "d-");
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
            int acks = 0;
            String line;
            while (acks < ACKS_BEFORE_KILL && (line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    acks++;
                }
            }
            assertThat(acks).as("the writer died before the kill").isEqualTo(ACKS_BEFORE_KILL);
            child.kill();
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                }
            }
        } finally {
            child.close();
        }
        return acknowledged;
    }
}
