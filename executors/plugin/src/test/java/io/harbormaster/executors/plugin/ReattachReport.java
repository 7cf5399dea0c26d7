package io.harbormaster.executors.plugin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@value ReattachBenchmark#HEADING} section of docs/benchmarks.md, from one run's figures. */
final class ReattachReport {

    /** Everything one run of {@link ReattachBenchmark} measured. */
    record Figures(List<ReattachBenchmark.Sample> samples, ReattachBenchmark.Rss dedicated, List<String> chosenFlags,
                   double[] reattachMillis, double[][] oneMillis, double[] recoverMillis, double[] recoverInProcessMillis, int plugins,
                   int sharedExecutions, String loadBefore, String loadAfter) {
    }

    private ReattachReport() {
    }

    static String section(Figures f) {
        double reattach = ReattachBenchmark.median(f.reattachMillis());
        double recover = ReattachBenchmark.median(f.recoverMillis());
        StringBuilder text = new StringBuilder(ReattachBenchmark.HEADING).append("\n\n")
                .append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(System.getProperty("os.arch")).append(", Linux), OpenJDK ").append(Runtime.version().feature())
                .append(", ").append(Runtime.getRuntime().availableProcessors() > 2 ? "" : "shared with other builds; ")
                .append("load average ").append(f.loadBefore()).append(" at the start, ").append(f.loadAfter())
                .append(" at the end. Every plugin is a real `PluginMain` JVM started by `PluginLauncher`.\n\n")
                .append("| Measure | Median of ").append(f.reattachMillis().length).append(" | Min–max | Goal |\n")
                .append("|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| Reattach to %d dedicated plugins in parallel (32 threads) | %.1f ms | %s ms | ≤ 200 ms |%n",
                        f.plugins(), reattach, range(f.reattachMillis())))
                .append(String.format(Locale.ROOT, "| The same for one plugin at a time (median of the %d) | %.1f ms | %s ms | |%n",
                        f.oneMillis()[0].length, ReattachBenchmark.median(f.oneMillis()[0]), range(f.oneMillis()[0])))
                .append(String.format(Locale.ROOT, "| … of which pid and start time check, token, ping | %.1f ms | %s ms | |%n",
                        ReattachBenchmark.median(f.oneMillis()[1]), range(f.oneMillis()[1])))
                .append(String.format(Locale.ROOT, "| … of which connect and one `recover` | %.1f ms | %s ms | |%n",
                        ReattachBenchmark.median(f.oneMillis()[2]), range(f.oneMillis()[2])))
                .append(String.format(Locale.ROOT, "| One `recover` of %,d executions in one shared plugin | %.1f ms | %s ms | ≤ 50 ms |%n",
                        f.sharedExecutions(), recover, range(f.recoverMillis())))
                .append(String.format(Locale.ROOT, "| RSS of an idle dedicated plugin running a wasm service (median of %d) | %.1f MiB | max %.1f MiB | ≤ 60 MB, taken as MiB |%n",
                        f.dedicated().plugins(), f.dedicated().tickerMedianMib(), f.dedicated().tickerMaxMib()))
                .append(String.format(Locale.ROOT, "| RSS of an idle dedicated plugin running nothing (median of %d) | %.1f MiB | max %.1f MiB | ≤ 60 MB, taken as MiB |%n",
                        f.dedicated().plugins(), f.dedicated().emptyMedianMib(), f.dedicated().emptyMaxMib()))
                .append("\nReattach, per plugin, as a node does after a restart: check pid and process start time, ping ")
                .append("over the socket with the persisted token (`PluginProcess.reattach`), then one `recover` of its ")
                .append("execution. Each plugin had run a wasm ticker service, stopped before these rounds because 100 services ticking at 10 Hz keep 2 cores saturated (load average above 40): each recover answers exited, from the exit record. The figure is the wall time for all ")
                .append(f.plugins()).append(" from a pool of 32 threads, after one warm-up round. ")
                .append("The shared plugin hosts the test `LocalProcessExecutor` (type `docker`) with ")
                .append(String.format(Locale.ROOT, "%,d", f.sharedExecutions()))
                .append(" live `sleep 600` processes; the figure is one `PluginExecutor.recover` call for all of them, ")
                .append("round trip included (each answer: process alive, start time matches). ")
                .append("Each call is several wake-ups of two processes (connect, authenticate, call, answer); with the ")
                .append("load average above, each waits its turn for one of the 2 cores, and a plugin answers only a handful of calls, ")
                .append("so its code is likely still interpreted by the JVM rather than JIT-compiled. ")
                .append(String.format(Locale.ROOT, "For comparison, the same `LocalProcessExecutor.recover` over the same "
                        + "executions called in the benchmark's own JVM, without plugin or protocol: median %.1f ms (%s ms); ",
                        ReattachBenchmark.median(f.recoverInProcessMillis()), range(f.recoverInProcessMillis())))
                .append("it reads each execution's exit record and pid file and the process's start time from /proc.\n\n")
                .append("Memory: `VmRSS` from /proc/pid/status after the plugin sat idle 5 s, once with nothing ")
                .append("running and once 5 s after a wasm ticker service (which the plugin compiles to JVM bytecode; the ")
                .append("benchmark checks the plugin's log says so) started in each.\n\n")
                .append("| JVM options | plugins | RSS running nothing, median (max) | RSS running a wasm service, median (max) |\n")
                .append("|---|---|---|---|\n")
                .append(samplesRows(f))
                .append("\nThe first three rows are samples of ").append(f.samples().get(0).rss().plugins())
                .append(" plugins each; the last row is the 100 dedicated plugins, launched with the options ")
                .append("`ExecutorHosting.PLUGIN_JVM_OPTIONS` now gives every plugin: ").append(flags(f.chosenFlags()))
                .append(". The small initial heap is what counts; caps on heap, metaspace and code cache change little, ")
                .append("and would fail a module with a large linear memory (Chicory holds it in a Java buffer, bounded by the maximum heap) or a ")
                .append("shared plugin hosting many modules, so the node does not set them. C1 only saves a few MB more ")
                .append("but gives up C2's peak speed for compiled WebAssembly.\n")
                .append("\nCommand:\n\n```\n./mvnw -B -Pbenchmark -pl executors/plugin -am test -Dtest=ReattachBenchmark ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false\n```\n");
        return text.toString();
    }

    private static String samplesRows(Figures f) {
        StringBuilder rows = new StringBuilder();
        for (ReattachBenchmark.Sample sample : f.samples()) {
            rows.append(rssRow(sample.flags(), sample.rss()));
        }
        return rows.append(rssRow(f.chosenFlags(), f.dedicated())).toString();
    }

    private static String rssRow(List<String> flags, ReattachBenchmark.Rss rss) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f MiB (%.1f) | %.1f MiB (%.1f) |%n", flags(flags), rss.plugins(),
                rss.emptyMedianMib(), rss.emptyMaxMib(), rss.tickerMedianMib(), rss.tickerMaxMib());
    }

    private static String flags(List<String> flags) {
        return flags.stream().map(flag -> "`" + flag + "`").collect(Collectors.joining(" "));
    }

    private static String range(double[] values) {
        return String.format(Locale.ROOT, "%.1f–%.1f", Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN));
    }
}
