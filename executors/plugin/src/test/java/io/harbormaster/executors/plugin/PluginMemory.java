package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The memory half of {@link ReattachBenchmark}: what idle plugins hold, fresh, after a hello and running a service. */
final class PluginMemory {

    private PluginMemory() {
    }

    /**
     * Resident memory of a group of plugins: fresh from their handshake (no protocol call yet), idle after
     * answering a hello as a node always asks one, and idle with a ticker each. Pss (from smaps_rollup) counts
     * each page shared between plugins (the JDK's mapped files, the class-data-sharing archive) as a part per
     * sharer, so summed over plugins it is what they hold together.
     */
    record Rss(int plugins, double freshMedianMib, double emptyMedianMib, double emptyMaxMib, double emptyPssMedianMib,
               double tickerMedianMib, double tickerMaxMib, double tickerPssMedianMib) {
    }

    /**
     * {@code -Dbenchmark.plugins=N}: only the memory of N plugins under a shared plugin's options and under a
     * dedicated plugin's (and, given {@code -Dbenchmark.extraOptions="-XX:..."}, under a dedicated plugin's plus
     * those), one group after the other, printed and not written to docs/benchmarks.md: for comparing builds
     * and options quickly on a loaded machine.
     */
    static void measureOnly(Path temp, int plugins, String extraOptions) throws Exception {
        List<List<String>> optionSets = new ArrayList<>(List.of(ExecutorHosting.PLUGIN_JVM_OPTIONS, ReattachBenchmark.dedicatedOptions()));
        String extra = extraOptions.trim();
        if (!extra.isEmpty()) {
            List<String> withExtra = new ArrayList<>(ReattachBenchmark.dedicatedOptions());
            withExtra.addAll(List.of(extra.split("\\s+")));
            optionSets.add(withExtra);
        }
        for (int set = 0; set < optionSets.size(); set++) {
            List<String> flags = optionSets.get(set);
            try (PluginFleet fleet = new PluginFleet(temp.resolve("m" + set), flags)) {
                Rss rss = measure(fleet, fleet.launchMany("wasm", plugins, 4, i -> "d-" + i));
                System.out.printf(Locale.ROOT, "memory only, %d plugins, flags %s: fresh %.1f MiB, after a hello %.1f MiB "
                        + "(max %.1f, Pss %.1f), running a wasm service %.1f MiB (max %.1f, Pss %.1f)%n", rss.plugins(),
                        flags, rss.freshMedianMib(), rss.emptyMedianMib(), rss.emptyMaxMib(), rss.emptyPssMedianMib(),
                        rss.tickerMedianMib(), rss.tickerMaxMib(), rss.tickerPssMedianMib());
            }
        }
    }

    /**
     * Idle RSS of each plugin fresh, after a hello, then with a wasm ticker service started in each. The module is
     * compiled first by the wasm executor in this JVM into the fleet's data dir, as the node does before it launches
     * a plugin, so each plugin loads the generated classes and never the compiler.
     */
    static Rss measure(PluginFleet fleet, List<PluginFleet.Member> plugins) throws Exception {
        try (Executor node = new WasmExecutorProvider().create(new ExecutorContext("node-bench", fleet.dataDir(), Map.of()))) {
            node.prepare(ReattachBenchmark.tickerRequest(fleet, "prepare").spec());
        }
        Thread.sleep(5_000);
        double[] fresh = rssMib(plugins);
        for (PluginFleet.Member plugin : plugins) {
            PluginReattach hello = PluginProcess.reattach(plugin.config(), PluginFleet.TIMEOUT);
            assertThat(hello.responding()).as(hello.evidence()).isTrue();
        }
        Thread.sleep(5_000);
        double[] empty = rssMib(plugins);
        double[] emptyPss = pssMib(plugins);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (PluginFleet.Member plugin : plugins) {
                starts.add(pool.submit(() -> {
                    try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                        executor.start(ReattachBenchmark.tickerRequest(fleet, plugin.name()));
                    }
                    return null;
                }));
            }
            for (Future<?> start : starts) {
                start.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (PluginFleet.Member plugin : plugins) {
            awaitTicks(fleet, plugin.name());
            assertThat(fleet.logs(plugin)).as("plugin %s loaded the module the node compiled", plugin.name())
                    .contains("loaded precompiled classes from cache").doesNotContain("compiled to JVM bytecode")
                    .doesNotContain("interpreting it instead");
        }
        Thread.sleep(5_000);
        double[] ticker = rssMib(plugins);
        double[] tickerPss = pssMib(plugins);
        return new Rss(plugins.size(), ReattachBenchmark.median(fresh), ReattachBenchmark.median(empty), ReattachBenchmark.max(empty), ReattachBenchmark.median(emptyPss), ReattachBenchmark.median(ticker),
                ReattachBenchmark.max(ticker), ReattachBenchmark.median(tickerPss));
    }

    private static double[] rssMib(List<PluginFleet.Member> plugins) throws IOException {
        double[] mib = new double[plugins.size()];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = PluginFleet.rssKib(plugins.get(i).config().pid()) / 1024.0;
        }
        return mib;
    }

    private static double[] pssMib(List<PluginFleet.Member> plugins) throws IOException {
        double[] mib = new double[plugins.size()];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = PluginFleet.pssKib(plugins.get(i).config().pid()) / 1024.0;
        }
        return mib;
    }

    private static void awaitTicks(PluginFleet fleet, String executionId) throws Exception {
        Path stdout = ReattachBenchmark.files(fleet, executionId).stdout();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(stdout) && Files.readString(stdout).contains("tick 2\n"))) {
            assertThat(System.nanoTime()).as("ticker %s ticks", executionId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
