package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.testing.BenchmarkDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Plan time for 10,000 live executions: batched probing (one recover per executor, plugins checked in parallel)
 * against one probe per execution, side by side in one run, with fake executors that answer after a delay like a
 * local engine's. Measures only; the figures go to docs/benchmarks.md.
 */
@Tag("benchmark")
class RecoveryPlanBenchmark {

    static final String COMMAND = "./mvnw -B -Pbenchmark -pl core test -Dtest=RecoveryPlanBenchmark";
    private static final String HEADING = "## Recovery plan";
    private static final int DOCKER = 6_000;
    private static final int WASM = 3_000;
    private static final int PLUGINS = 50;
    private static final int PER_PLUGIN = 20;
    /** One round trip: about what one inspect cost on a local engine (docs/benchmarks.md, "Docker: recovery probe"). */
    private static final Duration PER_CALL = Duration.ofMillis(1);
    private static final Duration PER_EXECUTION = Duration.ofNanos(50_000);
    private static final Duration PING = Duration.ofMillis(2);
    private static final int BATCHED_RUNS = 7;
    private static final int ONE_BY_ONE_RUNS = 3;

    @Test
    void measurePlanTimeForTenThousandLiveExecutions() throws IOException {
        String loadBefore = loadAverage();
        FakeTargets targets = targets();
        List<Execution> live = live();
        RecoveryPlanner planner = new RecoveryPlanner(RecoveryPolicy.EXTENDED);
        RecoveryProber prober = new RecoveryProber(targets, Duration.ofSeconds(10));

        double[] batched = new double[BATCHED_RUNS];
        double[] oneByOne = new double[ONE_BY_ONE_RUNS];
        for (int run = 0; run < Math.max(BATCHED_RUNS, ONE_BY_ONE_RUNS); run++) {
            if (run < BATCHED_RUNS) {
                batched[run] = timed(() -> planBatched(prober, planner, live));
            }
            if (run < ONE_BY_ONE_RUNS) {
                oneByOne[run] = timed(() -> planOneByOne(targets, planner, live));
            }
        }
        double[] persisted = persistedPlans(targets, live);

        double batchedMedian = median(batched);
        double oneByOneMedian = median(oneByOne);
        int total = live.size();
        String section = HEADING + "\n\n"
                + "What: the recovery planner for " + String.format(Locale.ROOT, "%,d", total) + " live executions ("
                + String.format(Locale.ROOT, "%,d", DOCKER) + " Docker and " + String.format(Locale.ROOT, "%,d", WASM)
                + " WebAssembly in the node, " + PLUGINS * PER_PLUGIN + " in " + PLUGINS + " plugins): probe, then walk "
                + "each through the flowchart to a trace and a proposed action. Fake executors answer like a local "
                + "engine: " + PER_CALL.toMillis() + " ms per call plus " + PER_EXECUTION.toNanos() / 1000
                + " µs per execution in it; each plugin answers its ping in " + PING.toMillis() + " ms. Batched: "
                + "one `recover` per executor and one check per plugin, in parallel. One by one: a plugin check and a "
                + "`recover` call for each execution in turn, as a loop over executions would.\n\n"
                + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (shared with other builds), Java " + Runtime.version().feature() + "; load average "
                + loadBefore + " at the start, " + loadAverage() + " at the end.\n\n"
                + "| plan | runs | median (ms) | min (ms) | max (ms) |\n|---|---|---|---|---|\n"
                + row("batched probing, traces", batched)
                + row("one probe per execution, traces", oneByOne)
                + row("batched, then the plan persisted in the MapDB store (one commit) — `RecoveryEngine.start`, "
                        + "approval ask", persisted)
                + String.format(Locale.ROOT, "%nRatio one-by-one / batched: %.1fx. Goal: %,d planned in at most "
                        + "1,000 ms: **%s** (batched median %.0f ms; %.0f ms with the plan persisted).%n",
                        oneByOneMedian / batchedMedian, total, batchedMedian <= 1000 ? "met" : "missed",
                        batchedMedian, median(persisted))
                + "\nCommand:\n\n```\n" + COMMAND + "\n```\n";
        System.out.println(section);
        BenchmarkDoc.writeSection(BenchmarkDoc.file(), HEADING, section);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static int planBatched(RecoveryProber prober, RecoveryPlanner planner, List<Execution> live) {
        Map<String, ProbeResult> probed = prober.probe(live);
        Instant now = Instant.now();
        int planned = 0;
        for (Execution execution : live) {
            planned += planner.trace(execution, probed.get(execution.id()), now).steps().size() > 0 ? 1 : 0;
        }
        return planned;
    }

    /** The loop this engine replaces: each execution's plugin checked, then its executor asked, one at a time. */
    private static int planOneByOne(FakeTargets targets, RecoveryPlanner planner, List<Execution> live) {
        int planned = 0;
        for (Execution execution : live) {
            ProbeResult result;
            if (execution.reattach() != null) {
                PluginReattach plugin = targets.checkPlugin(execution.reattach());
                Observation seen = targets.pluginExecutor(execution).recover(List.of(targets.ref(execution)))
                        .get(execution.id());
                result = new ProbeResult(plugin.status(), plugin.evidence(), seen);
            } else {
                result = ProbeResult.inProcess(targets.inProcessExecutor(execution.engineType()).orElseThrow()
                        .recover(List.of(targets.ref(execution))).get(execution.id()));
            }
            planned += planner.trace(execution, result, Instant.now()).steps().size() > 0 ? 1 : 0;
        }
        return planned;
    }

    /** The whole engine start, plan persisted, on a fresh store each run (ask: nothing applied). */
    private static double[] persistedPlans(FakeTargets targets, List<Execution> live) throws IOException {
        double[] millis = new double[3];
        for (int run = 0; run < millis.length; run++) {
            Path dir = Files.createTempDirectory(Path.of("target"), "recovery-plan-bench");
            try (MapDbExecutionStore store = MapDbExecutionStore.open(dir.resolve("store"))) {
                RecoveryEngine engine = new RecoveryEngine(store, new RecoveryProber(targets, Duration.ofSeconds(10)),
                        RecoveryPolicy.EXTENDED, ApprovalPolicy.of("ask", Map.of()), (current, item) -> "none",
                        Clock.systemUTC(), RecoveryListener.NONE);
                // the engine reads each execution from the store before planning it
                List<Execution> stored = new ArrayList<>();
                for (int from = 0; from < live.size(); from += 1_000) {
                    stored.addAll(store.createAll(live.subList(from, Math.min(live.size(), from + 1_000))));
                }
                millis[run] = timed(() -> engine.start(stored).orElseThrow().items().size());
            }
        }
        return millis;
    }

    private static FakeTargets targets() {
        FakeTargets targets = new FakeTargets()
                .inProcess(new FakeExecutor("docker").delays(PER_CALL, PER_EXECUTION)
                        .answerAll(id -> new Observation.Running("container hm-" + id + " running since 10:41")))
                .inProcess(new FakeExecutor("wasm").delays(PER_CALL, PER_EXECUTION)
                        .answerAll(id -> new Observation.Exited(0, Instant.now(), "exit record of " + id + ": 0")));
        for (int p = 0; p < PLUGINS; p++) {
            String socket = "/run/s-" + p + ".sock";
            targets.plugin(socket, PluginReattach.Status.RESPONDING, "", new FakeExecutor("docker")
                    .delays(PER_CALL, PER_EXECUTION).answerAll(id -> new Observation.Running("in plugin")));
            targets.pluginChecks.put(socket, config -> {
                LockSupport.parkNanos(PING.toNanos());
                return new PluginReattach(PluginReattach.Status.RESPONDING, "pid " + config.pid()
                        + " alive, start time matches, ping 2 ms", Optional.empty());
            });
        }
        return targets;
    }

    private static List<Execution> live() {
        List<Execution> live = new ArrayList<>();
        Execution batch = RecoveryFixtures.execution("template", "batch");
        Execution service = RecoveryFixtures.execution("template", "service");
        Instant now = Instant.now();
        for (int n = 0; n < DOCKER; n++) {
            live.add(running(n % 2 == 0 ? batch : service, String.format("e-docker-%05d", n), now));
        }
        Execution wasm = RecoveryFixtures.wasmExecution("template");
        for (int n = 0; n < WASM; n++) {
            live.add(running(wasm, String.format("e-wasm-%05d", n), now));
        }
        for (int p = 0; p < PLUGINS; p++) {
            for (int n = 0; n < PER_PLUGIN; n++) {
                live.add(RecoveryFixtures.withPlugin(running(service, String.format("e-plugin-%02d-%03d", p, n), now),
                        "/run/s-" + p + ".sock"));
            }
        }
        return live;
    }

    private static Execution running(Execution template, String id, Instant now) {
        return Execution.accepted(id, "j-" + id, template.spec(), now)
                .transitioned(ExecutionState.STARTING, "starting", now, 0)
                .transitioned(ExecutionState.RUNNING, "running", now, 0);
    }

    private static double timed(java.util.function.IntSupplier work) {
        long start = System.nanoTime();
        int done = work.getAsInt();
        double millis = (System.nanoTime() - start) / 1e6;
        if (done <= 0) {
            throw new AssertionError("nothing was planned");
        }
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String row(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", what, millis.length,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
