package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.node.ExecutorHosting;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.executors.wasm.WasmExecutorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dedicated plugin's first reattach costs it, thread by thread, against the next two: the one a node restart
 * asks of every plugin at once. Each plugin runs the ticker service, stops it and sits idle, as in
 * {@link ReattachBenchmark}; then three reattaches with a recover, 300 ms apart. CPU per thread is
 * {@code /proc/PID/task/TID/schedstat} (nanoseconds) before and after each, so the figures include whatever the
 * plugin's own threads did in those 300 ms; classes are counted in the plugin's class-load log. Prints only.
 *
 * <pre>
 * ./mvnw -B -Pbenchmark -pl executors/plugin -am test -Dtest=FirstReattachBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FirstReattachBenchmark {

    private static final int PLUGINS = 4;
    private static final int ROUNDS = 3;

    @TempDir
    Path temp;

    @Test
    void firstReattachAgainstTheNext() throws Exception {
        List<String> options = new ArrayList<>(ExecutorHosting.DEDICATED_PLUGIN_JVM_OPTIONS);
        options.add("-Xlog:class+load=info:file=" + temp.resolve("classes-%p.log"));
        try (PluginFleet fleet = new PluginFleet(temp.resolve("fleet"), options)) {
            try (Executor node = new WasmExecutorProvider().create(new ExecutorContext("n", fleet.dataDir(), Map.of()))) {
                node.prepare(ReattachBenchmark.tickerRequest(fleet, "prepare").spec());
            }
            for (int p = 0; p < PLUGINS; p++) {
                PluginFleet.Member plugin = fleet.launch("wasm", "d-" + p);
                PluginProcess.reattach(plugin.config(), PluginFleet.TIMEOUT);
                StartRequest request = ReattachBenchmark.tickerRequest(fleet, "e-" + p);
                ExecutionRef ref = new ExecutionRef(request.executionId(), null, plugin.config(), request.files());
                try (PluginExecutor executor = PluginExecutor.connect("wasm", plugin.config(), PluginFleet.TIMEOUT)) {
                    executor.start(request);
                    Thread.sleep(500);
                    executor.stop(ref, Duration.ofSeconds(2));
                    executor.await(ref).toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
                Thread.sleep(3_000);
                long pid = plugin.config().pid();
                Path classLog = temp.resolve("classes-" + pid + ".log");
                for (int round = 0; round < ROUNDS; round++) {
                    long classesBefore = lines(classLog);
                    Map<String, Long> before = threadCpuNanos(pid);
                    PluginReattach found = PluginProcess.reattach(plugin.config(), PluginFleet.TIMEOUT, List.of(ref));
                    assertThat(found.responding()).as(found.evidence()).isTrue();
                    Thread.sleep(300);
                    Map<String, Long> after = threadCpuNanos(pid);
                    System.out.println(report(p, round, lines(classLog) - classesBefore, before, after));
                }
            }
        }
    }

    private static String report(int plugin, int round, long classes, Map<String, Long> before, Map<String, Long> after) {
        StringBuilder threads = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            long spent = thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
            total += spent;
            if (spent >= 50_000) {
                threads.append(String.format(Locale.ROOT, ", %s %.2f", thread.getKey(), spent / 1e6));
            }
        }
        return String.format(Locale.ROOT, "plugin %d reattach %d: CPU %.2f ms, classes loaded %d (ms by thread%s)",
                plugin, round + 1, total / 1e6, classes, threads);
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** Each live thread's CPU so far, keyed by its name and id. */
    private static Map<String, Long> threadCpuNanos(long pid) throws IOException {
        Map<String, Long> cpu = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim() + "#" + task.getFileName();
                    cpu.put(name, Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]));
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return cpu;
    }
}
