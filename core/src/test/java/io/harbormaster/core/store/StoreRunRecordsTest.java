package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.store.PreviousRun.Ending;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store tells a crash from a clean stop by its own records, on real MapDB files and a real SIGKILL. */
class StoreRunRecordsTest {

    private static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-11-28T10:05:00Z");

    @TempDir
    Path dir;

    @Test
    void aNewStoreIsAFirstStart() {
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            assertThat(store.previousRun().ending()).isEqualTo(Ending.FIRST_START);
        }
    }

    @Test
    void openedAndClosedIsACleanRestartWithTheStopTimeAndPid() {
        MapDbExecutionStore.builder(dir).clock(Clock.fixed(OPENED, ZoneOffset.UTC)).open().close();
        try (MapDbExecutionStore first = MapDbExecutionStore.builder(dir).clock(Clock.fixed(CLOSED, ZoneOffset.UTC))
                .open()) {
            first.create(StoreFixtures.accepted("e-1"));
        }

        try (MapDbExecutionStore again = MapDbExecutionStore.open(dir)) {
            PreviousRun previous = again.previousRun();
            assertThat(previous.ending()).isEqualTo(Ending.CLEAN);
            assertThat(previous.startedAt()).isEqualTo(CLOSED);
            assertThat(previous.lastKnownAt()).isEqualTo(CLOSED);
            assertThat(previous.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(previous.describe()).startsWith("clean restart");
        }
    }

    @Test
    void theFilesAsAKillLeavesThemReadAsACrash(@TempDir Path afterKill) throws IOException {
        try (MapDbExecutionStore running = MapDbExecutionStore.builder(dir)
                .clock(Clock.fixed(OPENED, ZoneOffset.UTC)).open()) {
            running.create(StoreFixtures.accepted("e-1"));
            // what is on disk while the node runs is exactly what a kill leaves: the committed file and its log
            copyStoreFiles(dir, afterKill);
        }

        try (MapDbExecutionStore reopened = MapDbExecutionStore.open(afterKill)) {
            PreviousRun previous = reopened.previousRun();
            assertThat(previous.ending()).isEqualTo(Ending.CRASHED);
            assertThat(previous.startedAt()).isEqualTo(OPENED);
            assertThat(previous.lastKnownAt()).isNotNull().isAfterOrEqualTo(OPENED);
            assertThat(previous.describe()).startsWith("crash detected");
            assertThat(reopened.get("e-1")).isPresent();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNodeJvmKilledWithSigkillIsACrashNamingItsPid() throws Exception {
        long pid;
        PipedChildJvm child = PipedChildJvm.start(StoreHolderMain.class, dir.toString());
        try {
            assertThat(child.nextLineStartingWith("OPEN")).isNotNull();
            pid = child.pid();
            child.kill();
        } finally {
            child.close();
        }

        try (MapDbExecutionStore reopened = MapDbExecutionStore.open(dir)) {
            assertThat(reopened.previousRun().ending()).isEqualTo(Ending.CRASHED);
            assertThat(reopened.previousRun().pid()).isEqualTo(pid);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNodeJvmThatClosedTheStoreIsACleanRestart() throws Exception {
        long pid;
        PipedChildJvm child = PipedChildJvm.start(StoreHolderMain.class, dir.toString());
        try {
            assertThat(child.nextLineStartingWith("OPEN")).isNotNull();
            pid = child.pid();
            assertThat(child.endInputAndWait()).isZero();
        } finally {
            child.close();
        }

        try (MapDbExecutionStore reopened = MapDbExecutionStore.open(dir)) {
            assertThat(reopened.previousRun().ending()).isEqualTo(Ending.CLEAN);
            assertThat(reopened.previousRun().pid()).isEqualTo(pid);
        }
    }

    @Test
    void aCrashIsReportedOnceTheNextRunClosedCleanly(@TempDir Path afterKill) throws IOException {
        try (MapDbExecutionStore running = MapDbExecutionStore.open(dir)) {
            running.create(StoreFixtures.accepted("e-1"));
            copyStoreFiles(dir, afterKill);
        }
        try (MapDbExecutionStore afterCrash = MapDbExecutionStore.open(afterKill)) {
            assertThat(afterCrash.previousRun().ending()).isEqualTo(Ending.CRASHED);
        }

        try (MapDbExecutionStore third = MapDbExecutionStore.open(afterKill)) {
            assertThat(third.previousRun().ending()).isEqualTo(Ending.CLEAN);
        }
    }

    private static void copyStoreFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            // the MapDB file, its log and checkpoint, and the journal: the acknowledged writes may be only there
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(StoreFiles.DB_NAME)
                    || f.getFileName().toString().equals(StoreJournal.FILE_NAME)).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
