package io.harbormaster.executors.plugin.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A result written by a plugin is still read after that plugin died, by an executor that never ran it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExitRecordOutlivesPluginTest {

    @TempDir
    Path root;

    @Test
    void exitCodeOfWorkFinishedInAKilledPluginIsReadByANewExecutor() throws Exception {
        Path dataDir = root.resolve("data");
        ReattachConfig plugin = new PluginLauncher(PluginLaunchSpec.builder("wasm", root.resolve("run"), "n-test", dataDir)
                .name("s-wasm").build()).launch();
        try {
            ExecutionFiles files = ExecutionFiles.under(dataDir.resolve("executions"), "e-exit3");
            Files.createDirectories(files.dir());
            var spec = new JobSpecParser(LocalPathAllowList.of(List.of(WasmJobs.allowList())), Set.of("wasm"))
                    .parse(WasmJobs.job("exit", "batch", "exit-with-code")).spec();
            ExitResult exit;
            try (PluginExecutor hosted = PluginExecutor.connect("wasm", plugin, Duration.ofSeconds(10))) {
                var handle = hosted.start(new StartRequest("e-exit3", "j-exit3", 1, spec, files));
                exit = hosted.await(new ExecutionRef("e-exit3", handle, plugin, files)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(exit.exitCode()).isEqualTo(3);

            ProcessHandle process = ProcessHandle.of(plugin.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();
            assertThat(PluginProcess.reattach(plugin, Duration.ofSeconds(2)).responding()).isFalse();

            try (Executor fresh = new WasmExecutorProvider().create(new ExecutorContext("n-test", dataDir, Map.of()))) {
                Observation seen = fresh.recover(List.of(new ExecutionRef("e-exit3", null, plugin, files))).get("e-exit3");
                assertThat(seen).isInstanceOfSatisfying(Observation.Exited.class,
                        exited -> assertThat(exited.exitCode()).isEqualTo(3));
            }
        } finally {
            PluginProcess.stopIfOurs(plugin, Duration.ofSeconds(2));
        }
    }
}
