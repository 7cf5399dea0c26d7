package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real plugin processes running the ticker service: one finds the module compiled ahead by the node's executor
 * and never loads the compiler or ASM (the JVM's own class-load log says so); one without it compiles for itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PrecompiledWasmPluginTest {

    private static final Path FIXTURES = ReattachBenchmark.FIXTURES;

    @TempDir
    Path temp;

    @Test
    void pluginServingAPrecompiledModuleLoadsNoCompilerAndNoAsm() throws Exception {
        Path classLog = temp.resolve("classes-precompiled.log");
        try (PluginFleet fleet = new PluginFleet(temp.resolve("precompiled"), optionsLoggingClassesTo(classLog))) {
            StartRequest request = ReattachBenchmark.tickerRequest(fleet, "e-precompiled");
            try (Executor node = new WasmExecutorProvider().create(new ExecutorContext("node-test", fleet.dataDir(), Map.of()))) {
                node.prepare(request.spec());
            }
            PluginFleet.Member plugin = fleet.launch("wasm", "d-precompiled");
            try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                assertThat(executor.start(request).attribute("machine")).isEqualTo("compiled");
            }
            awaitTicks(request.files());

            assertThat(fleet.logs(plugin)).contains("loaded precompiled classes from cache")
                    .doesNotContain("compiled to JVM bytecode");
            String loaded = Files.readString(classLog);
            assertThat(loaded).as("the module's generated machine was loaded").contains("com.dylibso.chicory.$gen.");
            // the JDK's own copy (jdk.internal.org.objectweb.asm) spins lambdas in every JVM; Chicory's is this one
            assertThat(loaded.lines().filter(line -> line.contains("] org.objectweb.asm.")))
                    .as("no ASM class").isEmpty();
            assertThat(loaded.lines().filter(line -> line.contains("com.dylibso.chicory.compiler.internal.Compiler")
                    || line.contains("com.dylibso.chicory.compiler.MachineFactoryCompiler")
                    || line.contains("io.harbormaster.executors.wasm.ChicoryCompiler")))
                    .as("no compiler class").isEmpty();
            assertThat(loaded.lines().filter(line -> line.contains("ch.qos.logback.classic.joran.JoranConfigurator ")
                    || line.contains("com.sun.org.apache.xerces.")))
                    .as("logging configured in code: no XML configurator, no XML parser").isEmpty();
            assertThat(loaded.lines().filter(line -> line.contains("ch.qos.logback.")))
                    .as("the plugin logs through its own backend, not logback").isEmpty();
            assertThat(loaded.lines().filter(line -> line.contains("] java.util.logging.LogManager ")))
                    .as("Chicory's WASI logs through SLF4J, not java.util.logging").isEmpty();
        }
    }

    @Test
    void pluginWithoutACacheEntryCompilesForItselfAndStoresTheEntry() throws Exception {
        Path classLog = temp.resolve("classes-compiled.log");
        try (PluginFleet fleet = new PluginFleet(temp.resolve("compiled"), optionsLoggingClassesTo(classLog))) {
            StartRequest request = ReattachBenchmark.tickerRequest(fleet, "e-compiled");
            PluginFleet.Member plugin = fleet.launch("wasm", "d-compiled");
            try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                assertThat(executor.start(request).attribute("machine")).isEqualTo("compiled");
            }
            awaitTicks(request.files());

            assertThat(fleet.logs(plugin)).contains("compiled to JVM bytecode")
                    .doesNotContain("loaded precompiled classes from cache");
            assertThat(Files.readString(classLog)).as("the check above can fail: compiling loads ASM")
                    .contains("] org.objectweb.asm.");
            try (var entries = Files.list(fleet.dataDir().resolve("wasm-classes"))) {
                assertThat(entries).as("the plugin stored what it compiled for the next one").hasSize(1);
            }
        }
    }

    private static List<String> optionsLoggingClassesTo(Path log) {
        List<String> options = new ArrayList<>(ExecutorHosting.PLUGIN_JVM_OPTIONS);
        options.add("-Xlog:class+load=info:file=" + log);
        return options;
    }

    private static void awaitTicks(ExecutionFiles files) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(files.stdout()) && Files.readString(files.stdout()).contains("tick 3"))) {
            assertThat(System.nanoTime()).as("3 ticks within 60 s in %s", files.stdout()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
