package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginPlacement;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.testing.BenchmarkDoc;
import io.harbormaster.executors.plugin.hosting.WasmJobs;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What C1 only costs a CPU-bound module in a dedicated plugin: the CPU-bound fixture (SHA-256 over 8 MiB) run
 * again and again in three plugins side by side, turn about so all see the same machine: one launched with the
 * options the node gives a dedicated plugin (C1 only), one under {@code dedicatedPluginJit: tiered} (C1 then C2,
 * the same small young generation) and one with a shared plugin's. The module is
 * compiled by the node first, as the node does, so both plugins run the same generated classes. Measures the
 * program's own time for its hashing and each plugin's RSS after the runs; asserts only that all computed the
 * same digest from the classes the node compiled.
 */
@Tag("benchmark")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class DedicatedJitBenchmark {

    static final String HEADING = "## Plugins: C1 only in a dedicated plugin";
    private static final Path FIXTURES = ReattachBenchmark.FIXTURES;
    private static final int WARM_UP = 3;
    private static final int RUNS = 9;
    private static final Pattern DIGEST = Pattern.compile("^sha256 \\d+ MiB: ([0-9a-f]{64})$", Pattern.MULTILINE);
    private static final Pattern ELAPSED = Pattern.compile("^elapsed_us (\\d+)$", Pattern.MULTILINE);

    @TempDir
    Path temp;

    @Test
    void c1OnlyAgainstBothCompilers() throws Exception {
        String loadBefore = loadAverage();
        // a dedicated plugin by default; one under dedicatedPluginJit: tiered; a shared plugin
        List<List<String>> optionSets = List.of(ExecutorHosting.DEDICATED_PLUGIN_JVM_OPTIONS,
                ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.DEDICATED, Map.of(ExecutorHosting.DEDICATED_PLUGIN_JIT, "tiered")),
                ExecutorHosting.PLUGIN_JVM_OPTIONS);
        List<PluginFleet> fleets = new ArrayList<>();
        try {
            List<PluginFleet.Member> plugins = new ArrayList<>();
            JobSpec spec = cpuBound();
            for (int side = 0; side < optionSets.size(); side++) {
                PluginFleet fleet = new PluginFleet(temp.resolve("side" + side), optionSets.get(side));
                fleets.add(fleet);
                plugins.add(fleet.launch("wasm", "d-" + side));
                try (Executor node = new WasmExecutorProvider().create(new ExecutorContext("node-bench", fleet.dataDir(), Map.of()))) {
                    node.prepare(spec);
                }
            }
            double[][] wall = new double[optionSets.size()][RUNS];
            double[][] program = new double[optionSets.size()][RUNS];
            String digest = null;
            for (int run = -WARM_UP; run < RUNS; run++) {
                for (int side = 0; side < optionSets.size(); side++) {
                    String[] result = runOnce(fleets.get(side), plugins.get(side), spec, "run" + (run + WARM_UP));
                    digest = digest == null ? result[0] : digest;
                    assertThat(result[0]).as("every plugin computes the same digest").isEqualTo(digest);
                    if (run >= 0) {
                        wall[side][run] = Double.parseDouble(result[1]);
                        program[side][run] = Double.parseDouble(result[2]);
                    }
                }
            }
            double[] rss = new double[optionSets.size()];
            for (int side = 0; side < optionSets.size(); side++) {
                assertThat(fleets.get(side).logs(plugins.get(side))).as("plugin %d loaded the module the node compiled", side)
                        .contains("loaded precompiled classes from cache").doesNotContain("interpreting it instead");
                rss[side] = PluginFleet.rssKib(plugins.get(side).config().pid()) / 1024.0;
            }
            String section = section(optionSets, wall, program, rss, loadBefore, loadAverage());
            System.out.println(section);
            BenchmarkDoc.writeSection(BenchmarkDoc.file(), HEADING, section);
        } finally {
            fleets.forEach(PluginFleet::close);
        }
    }

    /** One batch run of the fixture in {@code plugin}: its digest, wall ms from start to exit, and its own ms. */
    private static String[] runOnce(PluginFleet fleet, PluginFleet.Member plugin, JobSpec spec, String id)
            throws Exception {
        ExecutionFiles files = ExecutionFiles.under(fleet.dataDir().resolve("executions"), plugin.name() + "-" + id);
        Files.createDirectories(files.dir());
        try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
            long begun = System.nanoTime();
            ExecutorHandle handle = executor.start(new StartRequest(files.dir().getFileName().toString(), "job-" + id, 1,
                    spec, files));
            ExecutionRef ref = new ExecutionRef(files.dir().getFileName().toString(), handle, plugin.config(), files);
            ExitResult end = executor.await(ref).toCompletableFuture().get(10, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - begun) / 1e6;
            assertThat(end.succeeded()).as("cpu-bound exited 0: %s", end).isTrue();
            String stdout = Files.readString(files.stdout());
            Matcher digest = DIGEST.matcher(stdout);
            Matcher elapsed = ELAPSED.matcher(stdout);
            assertThat(digest.find() && elapsed.find()).as("cpu-bound printed its digest and time: %s", stdout).isTrue();
            return new String[] {digest.group(1), Double.toString(wall), Double.toString(Long.parseLong(elapsed.group(1)) / 1000.0)};
        }
    }

    private static JobSpec cpuBound() {
        return WasmJobs.spec("cpu-bound", "batch", "cpu-bound");
    }

    private static String section(List<List<String>> optionSets, double[][] wall, double[][] program, double[] rss,
                                  String loadBefore, String loadAfter) {
        StringBuilder text = new StringBuilder(HEADING).append("\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, OpenJDK ")
                .append(Runtime.version().feature()).append("; load average ").append(loadBefore).append(" at the start, ")
                .append(loadAfter).append(" at the end.\n\n")
                .append("The CPU-bound fixture (SHA-256 over 8 MiB) as a batch execution in three plugins side by side, ")
                .append("turn about: a dedicated plugin as the node launches it by default (C1 only), one under ")
                .append("`dedicatedPluginJit: tiered`, and one with a shared plugin's options; ").append(WARM_UP)
                .append(" warm-up runs each and then ").append(RUNS).append(" measured. All load the classes the node ")
                .append("compiled. Program time is the module's own clock around its hashing; wall time is from the ")
                .append("start request to the exit as the node sees it.\n\n")
                .append("| JVM options | program, median (min–max) | wall, median | RSS after the runs |\n")
                .append("|---|---|---|---|\n");
        for (int side = 0; side < optionSets.size(); side++) {
            text.append(row(optionSets.get(side), program[side], wall[side], rss[side]));
        }
        for (int side = 1; side < optionSets.size(); side++) {
            double[] ratios = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                ratios[i] = program[0][i] / program[side][i];
            }
            text.append(String.format(Locale.ROOT, "%nFirst row ÷ row %d, program time per run: median %.2f (%.2f–%.2f).%n",
                    side + 1, ReattachBenchmark.median(ratios), min(ratios), ReattachBenchmark.max(ratios)));
        }
        return text.append("\nCommand:\n\n```\n./mvnw -B -Pbenchmark -pl executors/plugin -am test -Dtest=DedicatedJitBenchmark ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false\n```\n")
                .toString();
    }

    private static String row(List<String> flags, double[] program, double[] wall, double rss) {
        return String.format(Locale.ROOT, "| %s | %.1f ms (%.1f–%.1f) | %.1f ms | %.1f MiB |%n",
                String.join(" ", flags.stream().map(f -> "`" + f + "`").toList()), ReattachBenchmark.median(program),
                min(program), ReattachBenchmark.max(program), ReattachBenchmark.median(wall), rss);
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
