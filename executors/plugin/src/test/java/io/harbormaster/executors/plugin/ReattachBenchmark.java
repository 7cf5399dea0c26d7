package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.HelloLines;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.plugin.PluginWire;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.testing.BenchmarkDoc;
import io.harbormaster.core.testing.LocalProcessExecutor;
import io.harbormaster.core.testing.TestJobs;
import io.harbormaster.executors.plugin.hosting.WasmJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reattach and memory figures for plugin processes: 100 dedicated wasm plugins reattached in parallel, one
 * shared plugin saying what it has of 1,000 executions, and the resident memory of an idle plugin under the
 * node's JVM options and under the previous ones. Each reattach is measured the way a node asks now (one
 * connection) and the way it asked before (ping, then recover on a second connection), side by side in the same
 * rounds. Measures and prints; asserts only that each plugin did its work (answered, ran, loaded the module the node compiled).
 */
@Tag("benchmark")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class ReattachBenchmark {

    static final String HEADING = "## Plugins: reattach and memory";
    static final Path FIXTURES = WasmJobs.FIXTURES;
    /** What ExecutorHosting passed before plugins trimmed their native heap. */
    static final List<String> PREVIOUS_FLAGS = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms8m");
    /** Samples beside the dedicated plugins: the options before, and those of a shared plugin (both JITs). */
    static final List<List<String>> CANDIDATES = List.of(PREVIOUS_FLAGS, ExecutorHosting.PLUGIN_JVM_OPTIONS);
    /**
     * {@code -Dbenchmark.reattachPlugins=20 -Dbenchmark.rounds=3} for a quick look at reattach while working; the
     * figures use the defaults.
     */
    private static final int DEDICATED = Integer.getInteger("benchmark.reattachPlugins", 100);
    /** Set to a number of plugins to measure only their memory (see {@link #measureMemoryOnly}). */
    static final String MEMORY_ONLY_PROPERTY = "benchmark.plugins";
    /** Space-separated JVM options a memory-only run also measures, added to a dedicated plugin's. */
    static final String EXTRA_OPTIONS_PROPERTY = "benchmark.extraOptions";
    private static final int SAMPLE = 10;
    private static final int SHARED_EXECUTIONS = 1000;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    /** Memory of a sample of plugins launched with {@code flags}. */
    record Sample(List<String> flags, PluginMemory.Rss rss) {
    }

    /** How a node asks a plugin after a restart. */
    enum Way {
        /** Since this benchmark's second version: hello (its answer is the plugin's info) and recover on one connection. */
        ONE_CONNECTION,
        /** Before: hello and ping on one connection, then hello and recover on another. */
        PING_THEN_RECOVER
    }

    @TempDir
    Path temp;

    @Test
    void reattachAndMemory() throws Exception {
        Integer memoryOnly = Integer.getInteger(MEMORY_ONLY_PROPERTY);
        if (memoryOnly != null) {
            PluginMemory.measureOnly(temp, memoryOnly, System.getProperty(EXTRA_OPTIONS_PROPERTY, ""));
            return;
        }
        String loadBefore = loadAverage();
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < CANDIDATES.size(); c++) {
            try (PluginFleet fleet = new PluginFleet(temp.resolve("c" + c), CANDIDATES.get(c))) {
                String prefix = "c" + c + "-";
                Sample sample = new Sample(CANDIDATES.get(c), PluginMemory.measure(fleet, fleet.launchMany("wasm", SAMPLE, 4, i -> prefix + i)));
                samples.add(sample);
                System.out.println("sample " + sample);
            }
        }
        List<String> chosen = dedicatedOptions();

        PluginMemory.Rss dedicated;
        double[] reattach = new double[ROUNDS];
        double[] reattachBefore = new double[ROUNDS];
        double[] one = new double[DEDICATED];
        double[] oneBefore = new double[DEDICATED];
        double[] oneCheck = new double[DEDICATED];
        // the first round after the plugins started: wall time, plugins' CPU, node's CPU
        double[] first = new double[3];
        // per round: plugins' and node's CPU one connection each, then the same the way before
        double[][] cpu = new double[4][ROUNDS];
        try (PluginFleet fleet = new PluginFleet(temp.resolve("d"), chosen)) {
            List<PluginFleet.Member> plugins = fleet.launchMany("wasm", DEDICATED, 4, i -> "d-" + i);
            dedicated = PluginMemory.measure(fleet, plugins);
            System.out.println("chosen flags " + chosen + ": " + dedicated);
            List<ExecutionRef> refs = new ArrayList<>();
            for (PluginFleet.Member plugin : plugins) {
                refs.add(ref(fleet, plugin.name(), plugin));
            }
            stopTickers(plugins, refs);
            // what a node restart costs: each plugin's first hello with a recover (it has served start, stop, await)
            // as the node's hosting does before its first probe
            HelloLines.prime(new PluginWire.Info(ProcessHandle.current().pid(), Instant.now(), "node", "prime",
                    PluginHandshake.CORE_PROTOCOL_VERSION, PluginHandshake.APP_PROTOCOL_VERSION, 0));
            double[] cpuFirst = cpuMillis(plugins);
            first[0] = reattachAll(plugins, refs, Way.ONE_CONNECTION);
            double[] cpuFirstAfter = cpuMillis(plugins);
            first[1] = cpuFirstAfter[0] - cpuFirst[0];
            first[2] = cpuFirstAfter[1] - cpuFirst[1];
            System.out.printf("first reattach round: %.1f ms (CPU: plugins %.0f ms, node %.0f ms)%n", first[0], first[1],
                    first[2]);
            reattachAll(plugins, refs, Way.PING_THEN_RECOVER); // warm-up
            reattachAll(plugins, refs, Way.ONE_CONNECTION);
            for (int round = 0; round < ROUNDS; round++) {
                double[] cpuBefore = cpuMillis(plugins);
                reattachBefore[round] = reattachAll(plugins, refs, Way.PING_THEN_RECOVER);
                double[] cpuBetween = cpuMillis(plugins);
                reattach[round] = reattachAll(plugins, refs, Way.ONE_CONNECTION);
                double[] cpuAfter = cpuMillis(plugins);
                cpu[0][round] = cpuAfter[0] - cpuBetween[0];
                cpu[1][round] = cpuAfter[1] - cpuBetween[1];
                cpu[2][round] = cpuBetween[0] - cpuBefore[0];
                cpu[3][round] = cpuBetween[1] - cpuBefore[1];
                System.out.printf("reattach round %d: %.1f ms (CPU: plugins %.0f ms, node %.0f ms), before %.1f ms "
                        + "(CPU: plugins %.0f ms, node %.0f ms)%n", round, reattach[round], cpu[0][round], cpu[1][round],
                        reattachBefore[round], cpu[2][round], cpu[3][round]);
            }
            for (int i = 0; i < plugins.size(); i++) {
                PluginFleet.Member plugin = plugins.get(i);
                long begun = System.nanoTime();
                boolean ours = ProcessHandle.of(plugin.config().pid()).flatMap(p -> p.info().startInstant())
                        .map(plugin.config().processStart()::equals).orElse(false);
                long checked = System.nanoTime();
                reattachOne(plugin, refs.get(i), Way.ONE_CONNECTION);
                long reattached = System.nanoTime();
                reattachOne(plugin, refs.get(i), Way.PING_THEN_RECOVER);
                long before = System.nanoTime();
                assertThat(ours).isTrue();
                oneCheck[i] = (checked - begun) / 1e6;
                one[i] = (reattached - checked) / 1e6;
                oneBefore[i] = (before - reattached) / 1e6;
            }
        }

        double[] recover = new double[ROUNDS];
        double[] recoverApart = new double[ROUNDS];
        double[] recoverInProcess = new double[ROUNDS];
        try (PluginFleet fleet = new PluginFleet(temp.resolve("s"), ExecutorHosting.PLUGIN_JVM_OPTIONS)) {
            PluginFleet.Member shared = fleet.launch("docker", "s-docker");
            try (PluginExecutor executor = PluginExecutor.connect("docker", shared.config(), PluginFleet.TIMEOUT)) {
                List<ExecutionRef> refs = startSleepers(fleet, shared, executor);
                recoverAll(executor, refs); // warm-up
                reattachShared(shared, refs);
                for (int round = 0; round < ROUNDS; round++) {
                    recover[round] = reattachShared(shared, refs);
                    recoverApart[round] = recoverAll(executor, refs);
                    System.out.printf("recover round %d: %.1f ms, as a call apart %.1f ms%n", round, recover[round],
                            recoverApart[round]);
                }
                // the same executor class, called in this JVM: what it costs without the plugin's memory of its children
                LocalProcessExecutor direct = new LocalProcessExecutor(fleet.dataDir().resolve("executions"));
                recoverAll(direct, refs);
                for (int round = 0; round < ROUNDS; round++) {
                    recoverInProcess[round] = recoverAll(direct, refs);
                }
            }
        }

        String section = ReattachReport.section(new ReattachReport.Figures(samples, dedicated, chosen,
                new double[][] {reattach, reattachBefore}, first, cpu, new double[][] {one, oneBefore, oneCheck},
                new double[][] {recover, recoverApart, recoverInProcess}, DEDICATED, SHARED_EXECUTIONS, loadBefore,
                loadAverage()));
        System.out.println(section);
        BenchmarkDoc.writeSection(BenchmarkDoc.file(), HEADING, section);
    }

    /** What the node gives a dedicated plugin under the default config. */
    static List<String> dedicatedOptions() {
        return ExecutorHosting.DEDICATED_PLUGIN_JVM_OPTIONS;
    }

    /**
     * CPU time used so far, in ms, by all {@code plugins} together and by this JVM (the node's side): utime plus
     * stime from /proc/PID/stat, in the kernel's 100 Hz user ticks. Differences over a round show what the work
     * costs whatever else the machine runs: on 2 cores, a round cannot take less than their sum halved.
     */
    static double[] cpuMillis(List<PluginFleet.Member> plugins) throws IOException {
        double sum = 0;
        for (PluginFleet.Member plugin : plugins) {
            sum += cpuTicks(Long.toString(plugin.config().pid()));
        }
        return new double[] {sum * 10, cpuTicks("self") * 10.0};
    }

    private static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // the command name may hold spaces: fields are counted after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * 100 services ticking at 10 Hz keep 2 cores busy; the reattach rounds would measure that. Each plugin
     * stays up idle, and recover answers from its execution's exit record.
     */
    private static void stopTickers(List<PluginFleet.Member> plugins, List<ExecutionRef> refs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> stops = new ArrayList<>();
            for (int i = 0; i < plugins.size(); i++) {
                PluginFleet.Member plugin = plugins.get(i);
                ExecutionRef ref = refs.get(i);
                stops.add(pool.submit(() -> {
                    try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                        executor.stop(ref, Duration.ofSeconds(2));
                        executor.await(ref).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> stop : stops) {
                stop.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(5_000);
    }

    /** Wall time to reattach to every plugin from 32 threads: pid and start time, then hello and recover. */
    private static double reattachAll(List<PluginFleet.Member> plugins, List<ExecutionRef> refs, Way way)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            long begun = System.nanoTime();
            List<Future<Observation>> answers = new ArrayList<>();
            for (int i = 0; i < plugins.size(); i++) {
                PluginFleet.Member plugin = plugins.get(i);
                ExecutionRef ref = refs.get(i);
                answers.add(pool.submit(() -> reattachOne(plugin, ref, way)));
            }
            for (Future<Observation> answer : answers) {
                answer.get();
            }
            return (System.nanoTime() - begun) / 1e6;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a node does per plugin after a restart, now or before: pid and start time, hello, recover. */
    private static Observation reattachOne(PluginFleet.Member plugin, ExecutionRef ref, Way way) {
        Observation observation;
        if (way == Way.ONE_CONNECTION) {
            PluginReattach found = PluginProcess.reattach(plugin.config(), PluginFleet.TIMEOUT, List.of(ref));
            assertThat(found.responding()).as(found.evidence()).isTrue();
            observation = found.observations().orElseThrow().get(ref.executionId());
        } else {
            assertThat(ProcessHandle.of(plugin.config().pid()).flatMap(p -> p.info().startInstant())
                    .map(plugin.config().processStart()::equals).orElse(false)).isTrue();
            PluginProcess.client(plugin.config(), PluginFleet.TIMEOUT).ping();
            try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                observation = executor.recover(List.of(ref)).get(ref.executionId());
            }
        }
        assertThat(observation).isInstanceOf(Observation.Exited.class);
        return observation;
    }

    /** Wall time for what the prober now does with a shared plugin: check it and recover all, on one connection. */
    private static double reattachShared(PluginFleet.Member shared, List<ExecutionRef> refs) {
        long begun = System.nanoTime();
        PluginReattach found = PluginProcess.reattach(shared.config(), PluginFleet.TIMEOUT, refs);
        double millis = (System.nanoTime() - begun) / 1e6;
        assertThat(found.responding()).as(found.evidence()).isTrue();
        assertThat(found.observations().orElseThrow()).hasSize(refs.size());
        assertThat(found.observations().orElseThrow().values()).allMatch(Observation.Running.class::isInstance);
        return millis;
    }

    private List<ExecutionRef> startSleepers(PluginFleet fleet, PluginFleet.Member shared, PluginExecutor executor)
            throws Exception {
        Files.createDirectories(fleet.dataDir());
        var spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker"))
                .parse(TestJobs.service("exec sleep 600")).spec();
        List<ExecutionRef> refs = new ArrayList<>();
        for (int i = 0; i < SHARED_EXECUTIONS; i++) {
            String id = "sleep-" + i;
            ExecutionFiles files = files(fleet, id);
            Files.createDirectories(files.dir());
            ExecutorHandle handle = executor.start(new StartRequest(id, "job-" + id, 1, spec, files));
            refs.add(new ExecutionRef(id, handle, shared.config(), files));
        }
        return refs;
    }

    /** Wall time of one recover call for every execution; every one must come back running. */
    private static double recoverAll(Executor executor, List<ExecutionRef> refs) {
        long begun = System.nanoTime();
        Map<String, Observation> answers = executor.recover(refs);
        double millis = (System.nanoTime() - begun) / 1e6;
        assertThat(answers).hasSize(refs.size());
        assertThat(answers.values()).allMatch(Observation.Running.class::isInstance);
        return millis;
    }

    private static ExecutionRef ref(PluginFleet fleet, String executionId, PluginFleet.Member plugin) {
        return new ExecutionRef(executionId, null, plugin.config(), files(fleet, executionId));
    }

    /** A start of the ticker service fixture in one of {@code fleet}'s plugins, its files made. */
    static StartRequest tickerRequest(PluginFleet fleet, String executionId) throws IOException {
        var spec = WasmJobs.spec("ticker", "service", "ticker");
        ExecutionFiles files = files(fleet, executionId);
        Files.createDirectories(files.dir());
        return new StartRequest(executionId, "job-" + executionId, 1, spec, files);
    }

    static ExecutionFiles files(PluginFleet fleet, String executionId) {
        return ExecutionFiles.under(fleet.dataDir().resolve("executions"), executionId);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
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
