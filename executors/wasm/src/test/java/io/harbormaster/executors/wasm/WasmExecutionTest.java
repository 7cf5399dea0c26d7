package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExitRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExitResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WasmExecutionTest {

    @TempDir
    Path dir;

    @Test
    void firstEndingWinsAndALaterOneNeitherOverwritesTheRecordNorTheResult() throws Exception {
        WasmExecution execution = execution();
        ExitResult stopped = new ExitResult(137, Instant.parse("2026-01-01T00:00:00Z"), "stopped");

        assertThat(execution.finish(stopped)).isTrue();
        assertThat(execution.finish(new ExitResult(0, Instant.now(), null))).isFalse();
        assertThat(execution.abandon("node closed")).isFalse();
        execution.publish();

        assertThat(execution.exit()).isCompletedWithValue(stopped);
        assertThat(ExitRecord.read(dir.resolve("exit.json"))).contains(stopped);
    }

    @Test
    void waitersHearNothingUntilTheEndingIsPublished() {
        WasmExecution execution = execution();

        execution.finish(new ExitResult(0, Instant.now(), null));

        assertThat(execution.exit()).isNotDone();
        execution.publish();
        assertThat(execution.exit()).isDone();
    }

    @Test
    void abandonedExecutionFailsItsWaitersAndLeavesNoExitRecord() {
        WasmExecution execution = execution();

        execution.abandon("the node closed");
        execution.publish();

        assertThat(execution.exit()).isCompletedExceptionally();
        assertThat(dir.resolve("exit.json")).doesNotExist();
    }

    private WasmExecution execution() {
        return new WasmExecution("e-1", ExecutorHandle.of("wasm", Map.of()), dir.resolve("exit.json"));
    }
}
