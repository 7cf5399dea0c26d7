package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasmExecutorRunTest {

    @TempDir
    Path dir;

    private final WasmExecutor executor = new WasmExecutor(WasmSettings.defaults());

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void helloPrintsToTheStdoutFileAndExitsZero() throws Exception {
        StartRequest request = WasmJob.of(dir, "hello").request("e-hello");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isZero();
        assertThat(read(request.files().stdout())).isEqualTo("hello from wasm\n");
    }

    @Test
    void procExitCodeBecomesTheExitCode() throws Exception {
        StartRequest request = WasmJob.of(dir, "exit-with-code").request("e-exit");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(read(request.files().stderr())).isEqualTo("exiting with 3\n");
    }

    @Test
    void parametersArriveAsArgvAfterTheModuleNameAndEnvironmentVariablesAsEnviron() throws Exception {
        StartRequest request = WasmJob.of(dir, "args-env")
                .parameters("--greeting", "hello world")
                .env("GREETING", "hi")
                .request("e-args");

        run(request);

        assertThat(read(request.files().stdout()).lines())
                .containsExactly("arg args-env.wasm", "arg --greeting", "arg hello world", "env GREETING=hi");
    }

    @Test
    void moduleReadsAFileFromAPreopenedInputDirectory() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("input.txt"), "contents of the input\n");
        StartRequest request = WasmJob.of(dir, "file-reader").input(input, "/inputs", false).request("e-read");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isZero();
        assertThat(read(request.files().stdout())).isEqualTo("contents of the input\n");
    }

    @Test
    void moduleWritesIntoAReadWriteInputDirectory() throws Exception {
        Path output = Files.createDirectories(dir.resolve("output"));
        StartRequest request = WasmJob.of(dir, "file-writer").input(output, "/outputs", true).request("e-write");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isZero();
        assertThat(read(output.resolve("output.txt"))).isEqualTo("written by wasm\n");
    }

    @Test
    void readOnlyInputDirectoryRefusesWritesWithErofs() throws Exception {
        Path output = Files.createDirectories(dir.resolve("read-only"));
        StartRequest request = WasmJob.of(dir, "file-writer").input(output, "/outputs", false).request("e-ro");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isEqualTo(ReadOnlyPreopens.ERRNO_ROFS);
        assertThat(output.resolve("output.txt")).doesNotExist();
    }

    @Test
    void trapEndsWithANonzeroCodeAndTheTrapMessageInDetailAndStderr() throws Exception {
        StartRequest request = WasmJob.of(dir, "trap").request("e-trap");

        ExitResult exit = run(request);

        assertThat(exit.exitCode()).isEqualTo(WasmRun.TRAP_EXIT_CODE);
        assertThat(exit.detail()).startsWith("trap: ").containsIgnoringCase("unreachable");
        assertThat(read(request.files().stdout())).isEqualTo("about to trap\n");
        assertThat(read(request.files().stderr())).contains(exit.detail());
    }

    @Test
    void exportOtherThanStartRunsWhenNamedAsEntryPoint() throws Exception {
        StartRequest request = WasmJob.of(dir, "cpu-loop").entryPoint("bench").request("e-bench");

        assertThat(run(request).exitCode()).isZero();
    }

    @Test
    void missingEntryPointFailsTheStartClearly() {
        StartRequest request = WasmJob.of(dir, "hello").entryPoint("main").request("e-main");

        assertThatThrownBy(() -> executor.start(request))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("exports no function named main");
    }

    @Test
    void moduleNeedingMoreMemoryThanTheCapFailsTheStartClearly() {
        StartRequest request = WasmJob.of(dir, "big-memory").request("e-big");

        assertThatThrownBy(() -> executor.start(request))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("needs 512 MiB")
                .hasMessageContaining("limit of 256 MiB");
    }

    @Test
    void memoryGrowBeyondTheCapIsRefused() throws Exception {
        try (WasmExecutor small = new WasmExecutor(new WasmSettings(MachineChoice.AUTO, 2))) {
            StartRequest capped = WasmJob.of(dir, "grow-memory").request("e-grow-capped");
            small.start(capped);
            ExitResult refused = small.await(WasmJob.refOf(dir, "e-grow-capped")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(read(capped.files().stdout())).isEqualTo("memory.grow refused\n");
        }
        assertThat(run(WasmJob.of(dir, "grow-memory").request("e-grow")).exitCode()).isZero();
    }

    @Test
    void importModulesAreRefusedRatherThanIgnored() {
        Path library = WasmJob.copyFixture(dir.resolve("libraries"), "hello");
        StartRequest request = WasmJob.of(dir, "hello").importModule(library).request("e-imports");

        assertThatThrownBy(() -> executor.start(request))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("ImportModules are not supported");
        assertThat(request.files().stdout()).doesNotExist();
    }

    @Test
    void entryModuleDirectoryWithOneWasmFileRunsThatFile() throws Exception {
        Path modules = dir.resolve("only-hello");
        WasmJob.copyFixture(modules, "hello");
        StartRequest request = WasmJob.fromPath(dir, modules).request("e-dir");

        assertThat(run(request).exitCode()).isZero();
        assertThat(read(request.files().stdout())).isEqualTo("hello from wasm\n");
    }

    @Test
    void entryModuleDirectoryWithSeveralWasmFilesIsRefusedAsAmbiguous() {
        Path modules = dir.resolve("several");
        WasmJob.copyFixture(modules, "hello");
        WasmJob.copyFixture(modules, "trap");
        StartRequest request = WasmJob.fromPath(dir, modules).request("e-ambiguous");

        assertThatThrownBy(() -> executor.start(request))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("holds 2 .wasm files");
    }

    private ExitResult run(StartRequest request) throws Exception {
        executor.start(request);
        return executor.await(WasmJob.refOf(dir, request.executionId())).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
