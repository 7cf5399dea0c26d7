package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExitRecord;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dedicated plugin through the life a node gives it: hello, start of a wasm service, an await kept alive by
 * heartbeats, a reattach, a recover apart, a stop, the exit, a shutdown. Every line of it is read and written by hand, so the plugin
 * never loads Jackson's databind (its JVM's class-load log says so); a call answered through the codec then does,
 * which shows the check can fail.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PluginLinesByHandTest {

    private static final String OBJECT_MAPPER = "] com.fasterxml.jackson.databind.ObjectMapper ";

    @TempDir
    Path temp;

    @Test
    void aDedicatedPluginsWholeLifeNeverLoadsJacksonDatabind() throws Exception {
        Path classLog = temp.resolve("classes.log");
        List<String> options = new ArrayList<>(ExecutorHosting.DEDICATED_PLUGIN_JVM_OPTIONS);
        options.add("-Xlog:class+load=info:file=" + classLog);
        try (PluginFleet fleet = new PluginFleet(temp.resolve("fleet"), options)) {
            StartRequest request = ReattachBenchmark.tickerRequest(fleet, "e-\"by hand\"");
            try (Executor node = new WasmExecutorProvider().create(new ExecutorContext("node-test", fleet.dataDir(), Map.of()))) {
                node.prepare(request.spec());
            }
            PluginFleet.Member plugin = fleet.launch("wasm", "d-by-hand");
            try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                ExecutorHandle handle = executor.start(request);
                assertThat(handle.attribute("machine")).isEqualTo("compiled");
                ExecutionRef ref = new ExecutionRef(request.executionId(), handle, plugin.config(), request.files());
                CompletableFuture<ExitResult> exit = executor.await(ref).toCompletableFuture();
                awaitTick(request, 12); // over a second of heartbeats on the await

                PluginReattach reattach = PluginProcess.reattach(plugin.config(), PluginFleet.TIMEOUT, List.of(ref));
                assertThat(reattach.responding()).as(reattach.evidence()).isTrue();
                assertThat(reattach.observations().orElseThrow().get(request.executionId()))
                        .isInstanceOf(Observation.Running.class);
                assertThat(executor.ping().executions()).isEqualTo(1);
                assertThat(executor.recover(List.of(ref)).get(request.executionId()))
                        .as("a recover apart, as a node of app protocol 1 asks").isInstanceOf(Observation.Running.class);

                executor.stop(ref, Duration.ofSeconds(5));
                ExitResult result = exit.get(60, TimeUnit.SECONDS);
                assertThat(ExitRecord.read(request.files().exit())).as("the exit record the plugin wrote")
                        .contains(result);
                assertThat(loaded(classLog)).as("before the codec is needed").doesNotContain(OBJECT_MAPPER);

                assertThat(executor.owned()).as("owned is answered through the codec").isNotNull();
                assertThat(loaded(classLog)).as("the check can fail").contains(OBJECT_MAPPER);
                executor.shutdown(false, Duration.ofSeconds(5));
            }
        }
    }

    private static String loaded(Path classLog) throws Exception {
        return Files.readString(classLog);
    }

    private static void awaitTick(StartRequest request, int tick) throws Exception {
        Path stdout = request.files().stdout();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(stdout) && Files.readString(stdout).contains("tick " + tick + "\n"))) {
            assertThat(System.nanoTime()).as("tick %d within 60 s in %s", tick, stdout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
