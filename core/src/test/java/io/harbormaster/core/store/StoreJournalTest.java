package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.store.StoreChange.Collection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreJournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(StoreJournal.FILE_NAME);
    }

    private static List<StoreChange> batch(int n) {
        return List.of(
                StoreChange.put(Collection.EXECUTIONS, "e-" + n, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)),
                StoreChange.put(Collection.BY_STATE, "PENDING|" + n, Collection.SET_MEMBER),
                StoreChange.removal(Collection.BY_STATE, "STARTING|" + n),
                StoreChange.put(Collection.COUNTS, "PENDING", (long) n),
                StoreChange.put(Collection.DECISIONS, (long) n, new byte[] {1, 2, 3}),
                StoreChange.put(Collection.DECISION_SEQUENCE, null, (long) n),
                StoreChange.put(Collection.META, "currentRecoveryPlan", "plan-" + n));
    }

    /** Appends records 1..count to a new journal and returns the byte offset where each record starts. */
    private long[] write(int count) throws IOException {
        long[] starts = new long[count + 1];
        try (StoreJournal journal = StoreJournal.openForAppend(file(), StoreJournal.read(file()))) {
            for (int n = 1; n <= count; n++) {
                starts[n] = journal.size();
                journal.append(n, batch(n));
            }
        }
        return starts;
    }

    @Test
    void appendedBatchesReadBackInOrderWithEveryChange() throws Exception {
        write(3);

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).extracting(StoreJournal.Entry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(contents.entries().get(1).changes()).isEqualTo(batch(2));
        assertThat(contents.damage()).isNull();
        assertThat(contents.tornTail()).isFalse();
        assertThat(contents.validEnd()).isEqualTo(Files.size(file()));
    }

    @Test
    void aRecordCutShortByACrashEndsTheJournalAndIsCutAwayBeforeTheNextAppend() throws Exception {
        long[] starts = write(3);
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.truncate(starts[3] + 11);
        }

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).extracting(StoreJournal.Entry::sequence).containsExactly(1L, 2L);
        assertThat(contents.damage()).isNull();
        assertThat(contents.tornTail()).isTrue();
        try (StoreJournal journal = StoreJournal.openForAppend(file(), contents)) {
            journal.append(3, batch(30));
        }
        assertThat(StoreJournal.read(file()).entries()).extracting(StoreJournal.Entry::sequence)
                .containsExactly(1L, 2L, 3L);
        assertThat(StoreJournal.read(file()).entries().get(2).changes()).isEqualTo(batch(30));
    }

    @Test
    void aTailOfZerosLeftByTheFileSystemIsATornWriteNotDamage() throws Exception {
        write(2);
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(4096));
        }

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).hasSize(2);
        assertThat(contents.damage()).isNull();
        assertThat(contents.tornTail()).isTrue();
    }

    @Test
    void aBadChecksumMidFileStopsTheJournalThereAndSaysWhere() throws Exception {
        long[] starts = write(5);
        flipByte(starts[3] + 20);

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).extracting(StoreJournal.Entry::sequence).containsExactly(1L, 2L);
        assertThat(contents.validEnd()).isEqualTo(starts[3]);
        assertThat(contents.damage()).contains("checksum").contains("at byte " + starts[3]);
        assertThat(contents.tornTail()).isFalse();
    }

    @Test
    void aBadChecksumInTheLastRecordIsATornWrite() throws Exception {
        long[] starts = write(3);
        flipByte(starts[3] + 20);

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).hasSize(2);
        assertThat(contents.damage()).isNull();
        assertThat(contents.tornTail()).isTrue();
    }

    @Test
    void aForeignFileIsReportedNotRead() throws Exception {
        Files.writeString(file(), "not a journal at all, just some text");

        StoreJournal.Contents contents = StoreJournal.read(file());

        assertThat(contents.entries()).isEmpty();
        assertThat(contents.damage()).contains("bad header");
    }

    @Test
    void resetEmptiesTheJournalAndNumberingGoesOn() throws Exception {
        try (StoreJournal journal = StoreJournal.openForAppend(file(), StoreJournal.read(file()))) {
            journal.append(1, batch(1));
            journal.append(2, batch(2));
            journal.reset();
            journal.append(3, batch(3));
        }

        assertThat(StoreJournal.read(file()).entries()).extracting(StoreJournal.Entry::sequence).containsExactly(3L);
    }

    @Test
    void replayingTheSameRecordsTwiceLeavesTheSameStoreAsOnce() throws Exception {
        Path source = dir.resolve("source");
        Path journalCopy = dir.resolve("journal-copy");
        try (MapDbExecutionStore store = MapDbExecutionStore.builder(source).mapDbCommitInterval(java.time.Duration
                .ofHours(1)).open()) {
            store.awaitWriter();
            for (int n = 0; n < 20; n++) {
                store.create(StoreFixtures.acceptedNth(n));
            }
            for (int n = 0; n < 10; n++) {
                String id = StoreFixtures.acceptedNth(n).id();
                store.transition(id, 1, Transition.to(io.harbormaster.core.execution.ExecutionState.STARTING, "s"));
                store.transition(id, 2, Transition.exited(io.harbormaster.core.execution.ExecutionState.FAILED, 1,
                        "x"));
            }
            store.decisions().append(new DecisionRecord(0, StoreFixtures.T0, "p", "e-00001", "K", "a", "d"));
            store.prune(new RetentionPolicy(null, 3), StoreFixtures.T0.plusSeconds(1_000_000));
            // everything acknowledged is in the journal now; MapDB has not been committed since the start
            Files.copy(source.resolve(StoreJournal.FILE_NAME), journalCopy);
        }
        StoreJournal.Contents contents = StoreJournal.read(journalCopy);
        assertThat(contents.entries()).isNotEmpty();

        StoreMaps once = StoreMaps.open(dir.resolve("once.db"), new ExecutionCodec());
        StoreMaps twice = StoreMaps.open(dir.resolve("twice.db"), new ExecutionCodec());
        try {
            StoreOpening.replay(once, contents);
            StoreOpening.replay(twice, contents);
            // a crash after applying, before MapDB held the sequence: everything is applied again
            twice.markJournalSequence(0);
            StoreOpening.replay(twice, contents);

            for (StoreMaps maps : List.of(once, twice)) {
                assertThat(maps.executions.keySet()).hasSize(13);
                assertThat(maps.byState).hasSize(13);
                assertThat(maps.counts).containsEntry("FAILED", 3L).containsEntry("PENDING", 10L);
                assertThat(maps.decisionSequence.get()).isEqualTo(1L);
            }
            assertThat(twice.byCreation).containsExactlyElementsOf(once.byCreation);
            assertThat(twice.history.keySet()).containsExactlyElementsOf(once.history.keySet());
            assertThat(twice.journalSequence()).isEqualTo(once.journalSequence())
                    .isEqualTo(contents.lastSequence(0));
        } finally {
            once.db.close();
            twice.db.close();
        }
    }

    private void flipByte(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.flip();
            byte flipped = (byte) (one.get(0) ^ 0x5a);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), position);
        }
    }
}
