package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasmExecutorLifecycleTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private WasmExecutor executor = new WasmExecutor(WasmSettings.defaults());

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void tickingServiceWritesTicksWhileRunningAndStopsPromptly() throws Exception {
        StartRequest request = WasmJob.of(dir, "ticker").service().request("e-ticker");
        executor.start(request);
        awaitOutput(request.files().stdout(), "tick 3\n");

        long begun = System.nanoTime();
        executor.stop(ref("e-ticker"), Duration.ofSeconds(5));
        ExitResult exit = awaitExit("e-ticker");

        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(PROMPTLY);
        assertThat(exit.exitCode()).isEqualTo(WasmRun.STOPPED_EXIT_CODE);
        assertThat(exit.detail()).isEqualTo("stopped");
        assertThat(read(request.files().stdout())).startsWith("tick 1\ntick 2\ntick 3\n");
    }

    @ParameterizedTest
    @EnumSource(value = MachineChoice.class, names = {"COMPILER", "INTERPRETER"})
    void cpuBoundLoopStopsPromptlyOnEitherMachine(MachineChoice machine) throws Exception {
        executor = new WasmExecutor(new WasmSettings(machine, WasmSettings.DEFAULT_MAX_MEMORY_MB));
        executor.start(WasmJob.of(dir, "cpu-loop").request("e-spin"));
        Thread.sleep(300);
        assertThat(executor.recover(List.of(ref("e-spin"))).get("e-spin")).isInstanceOf(Observation.Running.class);

        long begun = System.nanoTime();
        executor.stop(ref("e-spin"), Duration.ofSeconds(5));
        ExitResult exit = awaitExit("e-spin");

        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isLessThan(PROMPTLY);
        assertThat(exit.exitCode()).isEqualTo(WasmRun.STOPPED_EXIT_CODE);
        assertThat(exit.detail()).isEqualTo("stopped");
    }

    @Test
    void secondStartWithTheSameIdReturnsTheSameHandleAndDoesNotRunAgain() throws Exception {
        StartRequest request = WasmJob.of(dir, "ticker").service().request("e-twice");
        ExecutorHandle first = executor.start(request);
        awaitOutput(request.files().stdout(), "tick 1\n");
        ExecutorHandle second = executor.start(request);
        awaitOutput(request.files().stdout(), "tick 3\n");
        executor.stop(ref("e-twice"), PROMPTLY);

        assertThat(second).isEqualTo(first);
        assertThat(read(request.files().stdout()).lines().filter("tick 1"::equals)).hasSize(1);
    }

    @Test
    void startAfterTheExecutionEndedReturnsAHandleWithoutRerunning() throws Exception {
        StartRequest request = WasmJob.of(dir, "hello").request("e-done");
        executor.start(request);
        awaitExit("e-done");

        executor.start(request);
        ExitResult again = awaitExit("e-done");

        assertThat(again.exitCode()).isZero();
        assertThat(read(request.files().stdout())).isEqualTo("hello from wasm\n");
    }

    @Test
    void exitRecordIsWrittenAndANewExecutorInstanceRecoversItAsExited() throws Exception {
        StartRequest request = WasmJob.of(dir, "exit-with-code").request("e-record");
        executor.start(request);
        ExitResult exit = awaitExit("e-record");
        executor.close();

        assertThat(read(request.files().exit())).contains("\"exitCode\":3").contains("\"finishedAt\":\"");
        executor = new WasmExecutor(WasmSettings.defaults());
        Observation observed = executor.recover(List.of(ref("e-record"))).get("e-record");

        assertThat(observed).isInstanceOfSatisfying(Observation.Exited.class, exited -> {
            assertThat(exited.exitCode()).isEqualTo(3);
            assertThat(exited.finishedAt()).isEqualTo(exit.finishedAt());
        });
        assertThat(awaitExit("e-record").exitCode()).isEqualTo(3);
    }

    @Test
    void recoverSaysGoneForAnExecutionItNeverRan() {
        Map<String, Observation> observed = executor.recover(List.of(ref("e-unknown")));

        assertThat(observed.get("e-unknown")).isInstanceOfSatisfying(Observation.Gone.class,
                gone -> assertThat(gone.evidence()).contains("in-process wasm executions end with the node"));
    }

    @Test
    void awaitFailsForAnExecutionItNeverRan() {
        CompletableFuture<ExitResult> exit = executor.await(ref("e-unknown")).toCompletableFuture();

        assertThatThrownBy(() -> exit.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("left no exit record");
    }

    @Test
    void ownedListsRunningExecutionThreadsOnly() throws Exception {
        executor.start(WasmJob.of(dir, "ticker").service().request("e-owned"));
        executor.start(WasmJob.of(dir, "hello").request("e-short"));
        awaitExit("e-short");

        assertThat(executor.owned()).singleElement().satisfies(owned -> {
            assertThat(owned.kind()).isEqualTo(WasmExecutor.OWNED_KIND);
            assertThat(owned.executionId()).isEqualTo("e-owned");
            assertThat(owned.id()).isEqualTo("wasm-e-owned");
        });
        executor.stop(ref("e-owned"), PROMPTLY);
        assertThat(executor.owned()).isEmpty();
    }

    @Test
    void closeInterruptsRunningExecutionsWithoutAnExitRecordSoRecoveryFindsThemGone() throws Exception {
        StartRequest request = WasmJob.of(dir, "ticker").service().request("e-closed");
        executor.start(request);
        CompletableFuture<ExitResult> exit = executor.await(ref("e-closed")).toCompletableFuture();
        awaitOutput(request.files().stdout(), "tick 1\n");

        executor.close();

        assertThatThrownBy(() -> exit.get(5, TimeUnit.SECONDS)).hasMessageContaining("node closed");
        assertThat(request.files().exit()).doesNotExist();
        executor = new WasmExecutor(WasmSettings.defaults());
        assertThat(executor.recover(List.of(ref("e-closed"))).get("e-closed")).isInstanceOf(Observation.Gone.class);
    }

    @Test
    void stopOfAnEndedExecutionChangesNothing() throws Exception {
        executor.start(WasmJob.of(dir, "exit-with-code").request("e-ended"));
        awaitExit("e-ended");

        executor.stop(ref("e-ended"), PROMPTLY);

        assertThat(awaitExit("e-ended").exitCode()).isEqualTo(3);
    }

    private ExecutionRef ref(String executionId) {
        return WasmJob.refOf(dir, executionId);
    }

    private ExitResult awaitExit(String executionId) throws Exception {
        return executor.await(ref(executionId)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void awaitOutput(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(file) && read(file).contains(expected))) {
            assertThat(System.nanoTime()).as("output %s within 10 s", expected).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
