package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-module cache on real files, with the real compiler and modules run from what it stored. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompiledModuleCacheTest {

    private static final Function<WasmModule, CompiledClasses> FAILING_COMPILER = module -> {
        throw new ChicoryException("simulated: this executor must not compile");
    };

    @TempDir
    Path dir;

    private final AtomicInteger compilations = new AtomicInteger();
    private final Function<WasmModule, CompiledClasses> countingCompiler = module -> {
        compilations.incrementAndGet();
        return ChicoryCompiler.compile(module);
    };

    private Path dataDir() {
        return dir.resolve("data");
    }

    private CompiledModuleStore store() {
        return CompiledModuleStore.under(dataDir());
    }

    private WasmExecutor executor(Function<WasmModule, CompiledClasses> compiler) {
        return new WasmExecutor(WasmSettings.defaults(),
                new ModuleCache(MachineChoice.AUTO, store(), compiler));
    }

    @Test
    void classesStoredByOneExecutorRunInAnotherThatCannotCompileWithTheSameOutput() throws Exception {
        String compiledOutput;
        try (WasmExecutor first = executor(countingCompiler)) {
            compiledOutput = run(first, WasmJob.of(dir, "cpu-bound").parameters("1"), "e-first");
        }
        assertThat(compilations).hasValue(1);
        assertThat(entries()).as("one entry in the cache").hasSize(1);

        try (WasmExecutor second = executor(FAILING_COMPILER)) {
            StartRequest request = WasmJob.of(dir, "cpu-bound").parameters("1").request("e-second");
            ExecutorHandle handle = second.start(request);
            String output = awaitOutput(second, request);

            assertThat(handle.attribute("machine")).as("loaded compiled, not interpreted").isEqualTo("compiled");
            assertThat(firstLine(output)).as("the same digest").isEqualTo(firstLine(compiledOutput)).isNotBlank();
        }
    }

    @Test
    void storedClassesLoadInAFreshClassLoaderAndReadBackIdentical() throws Exception {
        byte[] module = fixtureBytes("hello");
        CompiledModuleKey key = CompiledModuleKey.of(module, "test-version");
        CompiledClasses compiled = ChicoryCompiler.compile(Parser.parse(module));

        store().write(key, compiled);
        CompiledClasses read = new CompiledModuleStore(store().root()).read(key).orElseThrow();

        assertThat(read.mainClass()).isEqualTo(compiled.mainClass());
        assertThat(read.classes().keySet()).containsExactlyElementsOf(compiled.classes().keySet());
        compiled.classes().forEach((name, bytes) -> assertThat(read.classes().get(name)).isEqualTo(bytes));
        assertThat(GeneratedClasses.machineFactory(read)).isNotNull();
        assertThat(store().read(CompiledModuleKey.of(module, "another-version")))
                .as("an entry of another Chicory is another key").isEmpty();
    }

    @Test
    void preparingAJobCompilesItsModuleAheadSoTheNextExecutorLoadsIt() throws Exception {
        try (WasmExecutor node = new WasmExecutor(WasmSettings.defaults(), dataDir())) {
            node.prepare(WasmJob.of(dir, "hello").request("e-prepare").spec());
            assertThat(node.cachedModules()).as("prepare keeps nothing loaded in the node").isZero();
        }
        assertThat(entries()).hasSize(1);

        try (WasmExecutor plugin = executor(FAILING_COMPILER)) {
            StartRequest request = WasmJob.of(dir, "hello").request("e-plugin");
            assertThat(plugin.start(request).attribute("machine")).isEqualTo("compiled");
            assertThat(awaitOutput(plugin, request)).isEqualTo("hello from wasm\n");
        }
    }

    @Test
    void truncatedClassFileIsIgnoredAndTheModuleCompiledAgain() throws Exception {
        Path entry = storeHello();
        Path classFile = classFiles(entry).get(0);
        byte[] bytes = Files.readAllBytes(classFile);
        Files.write(classFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertRecompiledAndRun();
    }

    @Test
    void classFileThatDoesNotMatchItsChecksumIsIgnoredAndTheModuleCompiledAgain() throws Exception {
        Path entry = storeHello();
        Path classFile = classFiles(entry).get(0);
        byte[] bytes = Files.readAllBytes(classFile);
        bytes[bytes.length / 2] ^= 0x5a; // same length: only the checksum can tell
        Files.write(classFile, bytes);

        assertRecompiledAndRun();
    }

    @Test
    void garbageManifestIsIgnoredAndTheModuleCompiledAgain() throws Exception {
        Path entry = storeHello();
        Files.write(entry.resolve("manifest.properties"), new byte[] {0, (byte) 0xff, '=', '\n', 'x'});

        assertRecompiledAndRun();
    }

    @Test
    void entryWhoseManifestNamesAnotherChicoryIsNotTrusted() throws Exception {
        Path entry = storeHello();
        Path manifest = entry.resolve("manifest.properties");
        Files.writeString(manifest, Files.readString(manifest).replaceAll("(?m)^chicory=.*$", "chicory=0.0.1"));

        assertRecompiledAndRun();
    }

    @Test
    void missingClassFileIsIgnoredAndTheModuleCompiledAgain() throws Exception {
        Path entry = storeHello();
        Files.delete(classFiles(entry).get(0));

        assertRecompiledAndRun();
    }

    @Test
    void wholeEntryWhoseClassesTheJvmRejectsIsNotUsedAndTheModuleCompiledAgain() throws Exception {
        byte[] module = fixtureBytes("hello");
        CompiledModuleKey key = CompiledModuleKey.of(module, CompiledModuleKey.chicoryOnClasspath().orElseThrow());
        // checksums and manifest all match: only loading the classes can tell they are not classes
        store().write(key, new CompiledClasses("com.dylibso.chicory.$gen.CompiledMachine",
                java.util.Map.of("com.dylibso.chicory.$gen.CompiledMachine", "not a class file".getBytes(StandardCharsets.UTF_8))));

        assertRecompiledAndRun();
    }

    @Test
    void concurrentWritersBothEndWithOneValidEntry() throws Exception {
        byte[] module = fixtureBytes("cpu-bound");
        CompiledModuleKey key = CompiledModuleKey.of(module, "test-version");
        CompiledClasses compiled = ChicoryCompiler.compile(Parser.parse(module));
        int writers = 8;

        for (int round = 0; round < 5; round++) {
            CompiledModuleStore store = new CompiledModuleStore(dir.resolve("race-" + round));
            if (round % 2 == 1) {
                // odd rounds race on a damaged entry, which every writer wants to replace
                Files.createDirectories(store.entry(key));
                Files.writeString(store.entry(key).resolve("manifest.properties"), "format=garbage\n");
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    writes.add(pool.submit(() -> {
                        go.await();
                        store.write(key, compiled);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> write : writes) {
                    write.get(60, TimeUnit.SECONDS); // no writer fails
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(store.read(key)).as("round %d: a valid entry", round).isPresent();
            try (Stream<Path> left = Files.list(store.root())) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .as("round %d: no temporary or set-aside directory left", round)
                        .containsExactly(key.directoryName());
            }
        }
    }

    @Test
    void unwritableCacheStillRunsTheModule() throws Exception {
        Files.createDirectories(dataDir());
        Files.writeString(dataDir().resolve(CompiledModuleStore.DIRECTORY), "a file where the cache should be");
        try (WasmExecutor executor = executor(countingCompiler)) {
            StartRequest request = WasmJob.of(dir, "hello").request("e-unwritable");
            assertThat(executor.start(request).attribute("machine")).isEqualTo("compiled");
            assertThat(awaitOutput(executor, request)).isEqualTo("hello from wasm\n");
        }
    }

    private Path storeHello() throws Exception {
        try (WasmExecutor executor = executor(countingCompiler)) {
            run(executor, WasmJob.of(dir, "hello"), "e-store");
        }
        assertThat(compilations).hasValue(1);
        compilations.set(0);
        List<Path> entries = entries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** A fresh executor finds the entry unusable, compiles once, runs correctly and leaves a valid entry. */
    private void assertRecompiledAndRun() throws Exception {
        try (WasmExecutor executor = executor(countingCompiler)) {
            StartRequest request = WasmJob.of(dir, "hello").request("e-again");
            assertThat(executor.start(request).attribute("machine")).isEqualTo("compiled");
            assertThat(awaitOutput(executor, request)).isEqualTo("hello from wasm\n");
        }
        assertThat(compilations).as("compiled again, not trusted").hasValue(1);
        try (WasmExecutor executor = executor(FAILING_COMPILER)) {
            StartRequest request = WasmJob.of(dir, "hello").request("e-replaced");
            assertThat(executor.start(request).attribute("machine")).as("the entry was replaced by a valid one")
                    .isEqualTo("compiled");
            assertThat(awaitOutput(executor, request)).isEqualTo("hello from wasm\n");
        }
    }

    private String run(WasmExecutor executor, WasmJob job, String executionId) throws Exception {
        StartRequest request = job.request(executionId);
        assertThat(executor.start(request).attribute("machine")).isEqualTo("compiled");
        return awaitOutput(executor, request);
    }

    private String awaitOutput(WasmExecutor executor, StartRequest request) throws Exception {
        ExitResult exit = executor.await(WasmJob.refOf(dir, request.executionId())).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).as("exit of %s (%s)", request.executionId(), exit.detail()).isZero();
        return Files.readString(request.files().stdout(), StandardCharsets.UTF_8);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> entries = Files.list(store().root())) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    private static List<Path> classFiles(Path entry) throws IOException {
        try (Stream<Path> files = Files.list(entry)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".class")).sorted().toList();
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private byte[] fixtureBytes(String fixture) throws IOException {
        return Files.readAllBytes(WasmJob.copyFixture(dir.resolve("bytes"), fixture));
    }
}
