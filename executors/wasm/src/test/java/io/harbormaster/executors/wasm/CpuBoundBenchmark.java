package io.harbormaster.executors.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.testing.BenchmarkDoc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same C program ({@code fixtures/cpu-bound.c}, SHA-256 over generated data) built natively with
 * {@code gcc -O2} and to WASI with clang ({@code fixtures/cpu-bound.wasm}), run side by side: native as a
 * process, and through {@link WasmExecutor} on Chicory's compiler and on its interpreter. Each run is timed
 * twice: from start to exit as the caller sees it, and by the program itself around the hashing (its
 * monotonic clock), which leaves out process start, JVM class loading and module instantiation.
 * Measures and prints; asserts only that the three builds compute the same digest.
 */
@Tag("benchmark")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class CpuBoundBenchmark {

    static final String HEADING = "## WebAssembly: native vs compiled vs interpreted";
    private static final String MIB = System.getProperty("cpuBound.mib", "8");
    private static final Pattern DIGEST = Pattern.compile("^sha256 \\d+ MiB: ([0-9a-f]{64})$", Pattern.MULTILINE);
    private static final Pattern ELAPSED = Pattern.compile("^elapsed_us (\\d+)$", Pattern.MULTILINE);

    /** One run: wall time start to exit, the program's own time for the hashing, and its digest. */
    record Run(double wallMillis, double programMillis, String digest) {
    }

    /** All runs of one build: the first (for the compiler: including compiling the module) and the measured ones. */
    record Series(String name, Run first, List<Run> measured) {

        double medianWall() {
            return median(measured.stream().mapToDouble(Run::wallMillis).toArray());
        }

        double medianProgram() {
            return median(measured.stream().mapToDouble(Run::programMillis).toArray());
        }

        double minWall() {
            return measured.stream().mapToDouble(Run::wallMillis).min().orElseThrow();
        }

        double maxWall() {
            return measured.stream().mapToDouble(Run::wallMillis).max().orElseThrow();
        }
    }

    @TempDir
    Path dir;

    @Test
    void nativeAgainstCompiledAgainstInterpreted() throws Exception {
        String loadBefore = loadAverage();
        Path binary = buildNative();
        Series nativeRuns = measureNative(binary, 2, 7);
        Series compiled = measureWasm(MachineChoice.COMPILER, 3, 7);
        Series interpreted = measureWasm(MachineChoice.INTERPRETER, 0, 3);
        String loadAfter = loadAverage();

        String digest = nativeRuns.first().digest();
        for (Series series : List.of(nativeRuns, compiled, interpreted)) {
            assertThat(series.first().digest()).as(series.name()).isEqualTo(digest);
            series.measured().forEach(run -> assertThat(run.digest()).as(series.name()).isEqualTo(digest));
        }

        String section = section(List.of(nativeRuns, compiled, interpreted), digest, loadBefore, loadAfter);
        System.out.println(section);
        BenchmarkDoc.writeSection(BenchmarkDoc.file(), HEADING, section);
    }

    private Path buildNative() throws IOException, InterruptedException {
        Path source = dir.resolve("cpu-bound.c");
        try (InputStream in = CpuBoundBenchmark.class.getResourceAsStream("/fixtures/cpu-bound.c")) {
            assertThat(in).as("fixture cpu-bound.c").isNotNull();
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path binary = dir.resolve("cpu-bound");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gcc.log").toFile()).start();
        assertThat(gcc.waitFor()).as(Files.readString(dir.resolve("gcc.log"))).isZero();
        return binary;
    }

    private Series measureNative(Path binary, int warmup, int measured) throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int run = 0; run < 1 + warmup + measured; run++) {
            Path out = dir.resolve("native-" + run + ".out");
            long begun = System.nanoTime();
            Process process = new ProcessBuilder(binary.toString(), MIB).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int code = process.waitFor();
            double wall = (System.nanoTime() - begun) / 1e6;
            assertThat(code).isZero();
            runs.add(parse(wall, Files.readString(out, StandardCharsets.UTF_8)));
        }
        return new Series("native (gcc -O2)", runs.get(0), runs.subList(1 + warmup, runs.size()));
    }

    private Series measureWasm(MachineChoice machine, int warmup, int measured) throws Exception {
        Path work = dir.resolve(machine.name().toLowerCase(Locale.ROOT));
        List<Run> runs = new ArrayList<>();
        try (WasmExecutor executor = new WasmExecutor(new WasmSettings(machine, WasmSettings.DEFAULT_MAX_MEMORY_MB))) {
            WasmJob job = WasmJob.of(work, "cpu-bound").parameters(MIB);
            for (int run = 0; run < 1 + warmup + measured; run++) {
                String id = "run-" + run;
                long begun = System.nanoTime();
                executor.start(job.request(id));
                ExitResult exit = executor.await(WasmJob.refOf(work, id)).toCompletableFuture().get(10, TimeUnit.MINUTES);
                double wall = (System.nanoTime() - begun) / 1e6;
                assertThat(exit.exitCode()).isZero();
                runs.add(parse(wall, Files.readString(WasmJob.filesOf(work, id).stdout(), StandardCharsets.UTF_8)));
                System.out.printf("%s run %d: %.0f ms%n", machine, run, wall);
            }
        }
        String name = machine == MachineChoice.COMPILER ? "Chicory compiler" : "Chicory interpreter";
        return new Series(name, runs.get(0), runs.subList(1 + warmup, runs.size()));
    }

    private static Run parse(double wallMillis, String stdout) {
        Matcher digest = DIGEST.matcher(stdout);
        Matcher elapsed = ELAPSED.matcher(stdout);
        assertThat(digest.find() && elapsed.find()).as("output: " + stdout).isTrue();
        return new Run(wallMillis, Long.parseLong(elapsed.group(1)) / 1000.0, digest.group(1));
    }

    private static String section(List<Series> all, String digest, String loadBefore, String loadAfter) {
        Series nativeRuns = all.get(0);
        StringBuilder text = new StringBuilder(HEADING).append("\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(System.getProperty("os.arch")).append(", Linux), OpenJDK ").append(Runtime.version().feature())
                .append(", Chicory 1.7.5, ").append(gccVersion()).append("; load average ").append(loadBefore)
                .append(" at the start, ").append(loadAfter).append(" at the end (other builds shared the 2 cores).\n\n")
                .append("What: `executors/wasm/src/test/resources/fixtures/cpu-bound.c`, SHA-256 over ").append(MIB)
                .append(" MiB of xorshift-generated data, built natively at benchmark time with `gcc -O2` and to WASI with ")
                .append("`clang-14 --target=wasm32-wasi -O2` (`cpu-bound.wasm`, committed; `fixtures/build.sh`). ")
                .append("All three print the same digest (`").append(digest, 0, 16).append("…`, checked on every run).\n\n")
                .append("Two timings per run: **wall**, from process start (native) or `WasmExecutor.start` (wasm) to ")
                .append("exit or the end of `await`, so it includes process start, or module instantiation and the exit ")
                .append("record; and **in-program**, the program's own monotonic clock around the hashing only ")
                .append("(`clock_gettime`, which the wasm builds reach through WASI `clock_time_get`). ")
                .append("The in-program figure is the fair comparison of generated code; the wall figure is what a job sees.\n\n")
                .append("| build | runs (after warm-up) | first run, wall (ms) | median wall (ms) | min–max wall (ms) | median in-program (ms) |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Series series : all) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f–%.0f | %.0f |%n", series.name(),
                    series.measured().size(), series.first().wallMillis(), series.medianWall(), series.minWall(),
                    series.maxWall(), series.medianProgram()));
        }
        text.append("\nRatios of medians (native = 1):\n\n| build | in-program | wall |\n|---|---|---|\n");
        for (Series series : all.subList(1, all.size())) {
            text.append(String.format(Locale.ROOT, "| %s ÷ native | %.1f× | %.1f× |%n", series.name(),
                    series.medianProgram() / nativeRuns.medianProgram(), series.medianWall() / nativeRuns.medianWall()));
        }
        double compiledRatio = all.get(1).medianProgram() / nativeRuns.medianProgram();
        text.append("\nGoal: compiled ≤ 3× native (in-program). ")
                .append(compiledRatio <= 3.0 ? "Met" : "Missed").append(String.format(Locale.ROOT, " at %.1f×.", compiledRatio))
                .append(" Native: one untimed first run and 2 warm-up runs, then 7 measured. Compiler: the first run ")
                .append("includes generating and loading the module's bytecode (once per module, then cached), ")
                .append("3 warm-up runs, then 7 measured. Interpreter: first run, then 3 measured.\n\n")
                .append("Command:\n\n```\n./mvnw -B -Pbenchmark -pl executors/wasm -am test -Dtest=CpuBoundBenchmark ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false\n```\n");
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String gccVersion() {
        try {
            Process gcc = new ProcessBuilder("gcc", "-dumpfullversion").redirectErrorStream(true).start();
            String version = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return gcc.waitFor() == 0 ? "gcc " + version : "gcc";
        } catch (IOException e) {
            return "gcc";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "gcc";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
