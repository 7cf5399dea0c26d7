package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExitRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExecutorProvider;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasmMachineTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"auto, compiled", "compiler, compiled", "interpreter, interpreted"})
    void machineSettingChoosesTheMachineAndTheHandleSaysWhich(String setting, String expected) throws Exception {
        try (WasmExecutor executor = new WasmExecutor(WasmSettings.from(Map.of(WasmSettings.MACHINE, setting)))) {
            StartRequest request = WasmJob.of(dir, "hello").request("e-" + setting);

            ExecutorHandle handle = executor.start(request);
            ExitResult exit = executor.await(WasmJob.refOf(dir, request.executionId())).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            assertThat(handle.attribute("machine")).isEqualTo(expected);
            assertThat(exit.exitCode()).isZero();
            assertThat(Files.readString(request.files().stdout(), StandardCharsets.UTF_8)).isEqualTo("hello from wasm\n");
        }
    }

    @Test
    void interpretedTrapIsReportedLikeACompiledOne() throws Exception {
        try (WasmExecutor executor = new WasmExecutor(new WasmSettings(MachineChoice.INTERPRETER, 16))) {
            executor.start(WasmJob.of(dir, "trap").request("e-trap"));
            ExitResult exit = executor.await(WasmJob.refOf(dir, "e-trap")).toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertThat(exit.exitCode()).isEqualTo(WasmRun.TRAP_EXIT_CODE);
            assertThat(exit.detail()).containsIgnoringCase("unreachable");
        }
    }

    @Test
    void moduleIsCompiledOnceAndReusedByLaterExecutions() throws Exception {
        try (WasmExecutor executor = new WasmExecutor(WasmSettings.defaults())) {
            WasmJob job = WasmJob.of(dir, "hello");
            for (String id : new String[] {"e-1", "e-2", "e-3"}) {
                executor.start(job.request(id));
                executor.await(WasmJob.refOf(dir, id)).toCompletableFuture().get(20, TimeUnit.SECONDS);
            }

            assertThat(executor.cachedModules()).isEqualTo(1);
        }
    }

    @Test
    void moduleReplacedOnDiskIsLoadedAgainInsteadOfServedStale() throws Exception {
        try (WasmExecutor executor = new WasmExecutor(WasmSettings.defaults())) {
            Path module = dir.resolve("modules/app.wasm");
            Files.createDirectories(module.getParent());
            Files.copy(WasmJob.copyFixture(dir.resolve("fixtures"), "hello"), module);
            WasmJob job = WasmJob.fromPath(dir, module);
            executor.start(job.request("e-before"));
            executor.await(WasmJob.refOf(dir, "e-before")).toCompletableFuture().get(20, TimeUnit.SECONDS);

            Files.copy(WasmJob.copyFixture(dir.resolve("fixtures"), "exit-with-code"), module,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(module, FileTime.from(Instant.now().plusSeconds(5)));
            executor.start(job.request("e-after"));
            ExitResult after = executor.await(WasmJob.refOf(dir, "e-after")).toCompletableFuture().get(20, TimeUnit.SECONDS);

            assertThat(after.exitCode()).isEqualTo(3);
            assertThat(executor.cachedModules()).isEqualTo(1);
        }
    }

    @Test
    void providerIsFoundByServiceLoaderAndReadsItsSettings() throws Exception {
        ExecutorProvider provider = ServiceLoader.load(ExecutorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("wasm"))
                .findFirst().orElseThrow();

        try (Executor executor = provider.create(new ExecutorContext("node-1", dir,
                Map.of(WasmSettings.MACHINE, "interpreter", WasmSettings.MAX_MEMORY_MB, "64")))) {
            ExecutorHandle handle = executor.start(WasmJob.of(dir, "hello").request("e-provided"));

            assertThat(executor.type()).isEqualTo("wasm");
            assertThat(handle.attribute("machine")).isEqualTo("interpreted");
        }
    }

    @Test
    void providerRefusesSettingsItCannotRead() {
        WasmExecutorProvider provider = new WasmExecutorProvider();

        assertThatThrownBy(() -> provider.create(new ExecutorContext("node-1", dir, Map.of(WasmSettings.MACHINE, "jit"))))
                .isInstanceOf(ExecutorException.class).hasMessageContaining("machine=jit");
        assertThatThrownBy(() -> provider.create(new ExecutorContext("node-1", dir, Map.of(WasmSettings.MAX_MEMORY_MB, "lots"))))
                .isInstanceOf(ExecutorException.class).hasMessageContaining("maxMemoryMb=lots");
    }

    @Test
    void exitRecordWithoutFinishedAtTakesTheFileTime() throws Exception {
        Path record = dir.resolve("exit.json");
        Files.writeString(record, "{\"exitCode\":7}");
        Instant written = Files.getLastModifiedTime(record).toInstant();

        ExitResult exit = ExitRecord.read(record).orElseThrow();

        assertThat(exit.exitCode()).isEqualTo(7);
        assertThat(exit.finishedAt()).isEqualTo(written);
    }

    @Test
    void exitRecordRoundTripsCodeTimeAndDetail() throws Exception {
        Path record = dir.resolve("nested/exit.json");
        ExitResult written = new ExitResult(134, Instant.parse("2026-01-02T03:04:05.123Z"), "trap: \"quoted\"");

        ExitRecord.write(record, written);

        assertThat(ExitRecord.read(record)).contains(written);
        assertThat(record.resolveSibling("exit.json.tmp")).doesNotExist();
    }
}
