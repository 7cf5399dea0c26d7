package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ExecutionState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MapDbStoreFilesTest {

    @TempDir
    Path dir;

    @Test
    void secondOpenInTheSameJvmFailsNamingOurPidAndKeepsTheFirstWorking() {
        try (MapDbExecutionStore first = MapDbExecutionStore.open(dir)) {
            assertThatThrownBy(() -> MapDbExecutionStore.open(dir))
                    .isInstanceOfSatisfying(StoreLockedException.class,
                            e -> assertThat(e.pid()).isEqualTo(ProcessHandle.current().pid()))
                    .hasMessageContaining("in use by pid " + ProcessHandle.current().pid());
            first.create(StoreFixtures.accepted("e-1"));
        }
        try (MapDbExecutionStore again = MapDbExecutionStore.open(dir)) {
            assertThat(again.get("e-1")).isPresent();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void storeHeldByAnotherProcessFailsAtOnceNamingItsPid() throws Exception {
        PipedChildJvm child = PipedChildJvm.start(StoreHolderMain.class, dir.toString());
        try {
            assertThat(child.nextLineStartingWith("OPEN")).isNotNull();

            long started = System.nanoTime();
            assertThatThrownBy(() -> MapDbExecutionStore.open(dir))
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> assertThat(e.pid()).isEqualTo(child.pid()))
                    .hasMessageContaining("in use by pid " + child.pid());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        } finally {
            child.close();
        }
    }

    @Test
    void newerSchemaIsRefusedAndTheFileLeftUntouched() throws Exception {
        MapDbExecutionStore.open(dir).close();
        StoreMaps maps = StoreMaps.open(dir.resolve(StoreFiles.DB_NAME), new ExecutionCodec());
        maps.meta.put(StoreMaps.SCHEMA_KEY, "2");
        maps.db.commit();
        maps.db.close();
        byte[] before = digest(dir.resolve(StoreFiles.DB_NAME));

        assertThatThrownBy(() -> MapDbExecutionStore.open(dir)).isInstanceOf(StoreSchemaException.class)
                .hasMessageContaining("schema version 2");

        assertThat(digest(dir.resolve(StoreFiles.DB_NAME))).isEqualTo(before);
        assertThat(siblingsNamed("corrupt")).isEmpty();
    }

    @Test
    void truncatedFileIsMovedAsideAndTheStoreRebuiltFromTheCheckpoint() throws Exception {
        fillAndClose(3_000);
        Path db = dir.resolve(StoreFiles.DB_NAME);
        try (FileChannel channel = FileChannel.open(db, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        long truncatedSize = Files.size(db);

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            StoreRepair repair = store.repair().orElseThrow(() -> new AssertionError("no repair reported"));
            assertThat(repair.movedTo().getFileName().toString()).startsWith("executions.db.corrupt-");
            assertThat(Files.size(repair.movedTo())).isEqualTo(truncatedSize);
            assertThat(repair.checkpoint()).isEqualTo(dir.resolve(StoreFiles.CHECKPOINT_NAME));
            assertThat(repair.message()).contains(repair.movedTo().toString()).contains("no acknowledged write was lost");
            assertThat(store.countByState()).containsEntry(ExecutionState.PENDING, 3_000);
        }
    }

    @Test
    void truncatedFileWithNeitherCheckpointNorJournalToRebuildItIsMovedAsideAndTheOpenFails() throws Exception {
        fillAndClose(3_000);
        Files.delete(dir.resolve(StoreFiles.CHECKPOINT_NAME));
        Path db = dir.resolve(StoreFiles.DB_NAME);
        try (FileChannel channel = FileChannel.open(db, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        long truncatedSize = Files.size(db);

        StoreCorruptException failure = catchCorrupt();

        assertThat(failure.movedTo().getFileName().toString()).startsWith("executions.db.corrupt-");
        assertThat(Files.size(failure.movedTo())).isEqualTo(truncatedSize);
        assertThat(db).doesNotExist();
        assertThat(failure.checkpoint()).isNull();
        assertThat(failure.userMessage()).contains(failure.movedTo().toString()).contains("move it back")
                .contains("no last-good checkpoint");
    }

    @Test
    void anUnfinishedExecutionThatNoLongerReadsIsFoundAtOpenAndTheFileRebuilt() throws Exception {
        fillAndClose(3_000);
        // far from both ends, where sampling the ends would not look
        StoreMaps maps = StoreMaps.open(dir.resolve(StoreFiles.DB_NAME), new ExecutionCodec());
        maps.executions.put("e-01500", new byte[] {0x7b, 0x22, 0x69});
        maps.db.commit();
        maps.db.close();

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.repair()).isPresent();
            assertThat(store.repair().get().movedTo()).exists();
            assertThat(store.get("e-01500")).isPresent();
        }
    }

    @Test
    void restoredCheckpointOpensWithItsExecutionsAndKeepsTheFileItReplaced() throws Exception {
        fillAndClose(3_000);

        Path replaced = MapDbExecutionStore.restoreCheckpoint(dir).orElseThrow();

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.countByState()).containsEntry(ExecutionState.PENDING, 3_000);
            assertThat(store.repair()).isEmpty();
        }
        assertThat(replaced).exists();
    }

    @Test
    void restoringACheckpointWhileTheStoreIsOpenIsRefused() {
        fillAndClose(1);
        try (MapDbExecutionStore open = MapDbExecutionStore.open(dir)) {
            assertThatThrownBy(() -> MapDbExecutionStore.restoreCheckpoint(dir))
                    .isInstanceOf(StoreLockedException.class);
            assertThat(open.countByState()).containsEntry(ExecutionState.PENDING, 1);
        }
    }

    @Test
    void emptiedFileIsRebuiltNotSilentlyStartedOver() throws Exception {
        fillAndClose(10);
        Files.write(dir.resolve(StoreFiles.DB_NAME), new byte[0]);

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.repair()).isPresent();
            assertThat(store.countByState()).containsEntry(ExecutionState.PENDING, 10);
        }
    }

    @Test
    void emptiedFileWithoutCheckpointIsReportedNotSilentlyStartedOver() throws Exception {
        fillAndClose(10);
        Files.delete(dir.resolve(StoreFiles.CHECKPOINT_NAME));
        Files.write(dir.resolve(StoreFiles.DB_NAME), new byte[0]);

        assertThat(catchCorrupt().movedTo()).exists();
    }

    @Test
    void corruptFileWithoutCheckpointSaysSo() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve(StoreFiles.DB_NAME), "this is not a MapDB file at all".repeat(1_000).getBytes());

        StoreCorruptException failure = catchCorrupt();

        assertThat(failure.checkpoint()).isNull();
        assertThat(failure.userMessage()).contains("no last-good checkpoint");
        try (MapDbExecutionStore fresh = MapDbExecutionStore.open(dir)) {
            assertThat(fresh.list(Set.of(), 10)).isEmpty();
        }
    }

    @Test
    void closeLeavesACheckpointThatOpensWithTheSameExecutions() {
        fillAndClose(50);
        Path checkpoint = dir.resolve(StoreFiles.CHECKPOINT_NAME);

        StoreMaps copy = StoreMaps.open(checkpoint, new ExecutionCodec());
        try {
            assertThat(copy.executions).hasSize(50);
        } finally {
            copy.db.close();
        }
    }

    @Test
    void startWithoutACurrentCheckpointTakesOneBeforeTheFirstWrite() throws Exception {
        fillAndClose(5);
        Files.delete(dir.resolve(StoreFiles.CHECKPOINT_NAME));

        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            store.awaitWriter();
            assertThat(dir.resolve(StoreFiles.CHECKPOINT_NAME)).exists();
        }
    }

    private StoreCorruptException catchCorrupt() {
        try {
            MapDbExecutionStore.open(dir).close();
        } catch (StoreCorruptException e) {
            return e;
        }
        throw new AssertionError("the store opened");
    }

    private void fillAndClose(int executions) {
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            List<io.harbormaster.core.execution.Execution> batch = new ArrayList<>();
            for (int n = 0; n < executions; n++) {
                batch.add(StoreFixtures.acceptedNth(n));
            }
            store.createAll(batch);
        }
    }

    private List<Path> siblingsNamed(String part) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(part)).toList();
        }
    }

    private static byte[] digest(Path file) throws IOException, NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
