package io.harbormaster.systemtests.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.recovery.ProbeResult;
import io.harbormaster.core.recovery.ProbeTargets;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryPlanner;
import io.harbormaster.core.recovery.RecoveryPolicy;
import io.harbormaster.core.recovery.RecoveryProber;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.executors.docker.DockerExecutor;
import io.harbormaster.executors.docker.RequiresDockerEngine;
import io.harbormaster.executors.docker.TestEngine;
import io.harbormaster.systemtests.SystemJobs;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Plan time for a few hundred real running containers on the test engine: batched probing (one {@code recover}
 * for all) against one {@code recover} per execution, side by side in one run. Measures only; the figures go to
 * docs/benchmarks.md.
 */
@Tag("benchmark")
@RequiresDockerEngine
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class RealContainersPlanBenchmark {

    static final String COMMAND = "./mvnw -B -Pbenchmark -pl system-tests -am verify "
            + "-Dtest=RealContainersPlanBenchmark -Dsurefire.failIfNoSpecifiedTests=false";
    private static final String HEADING = "## Recovery plan: real containers";
    private static final int CONTAINERS = 300;
    private static final int ROUNDS = 5;

    @TempDir
    Path dir;

    @Test
    void measurePlanTimeForThreeHundredRunningContainers() throws Exception {
        try (TestEngine engine = new TestEngine(); DockerExecutor executor = engine.executor()) {
            List<Execution> live = startSleepers(executor);
            RecoveryPlanner planner = new RecoveryPlanner(RecoveryPolicy.EXTENDED);
            Targets targets = new Targets(executor, dir);
            RecoveryProber prober = new RecoveryProber(targets, Duration.ofSeconds(60));

            double[] batched = new double[ROUNDS];
            double[] oneByOne = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                Map<String, ProbeResult> probed = prober.probe(live);
                Instant now = Instant.now();
                for (Execution execution : live) {
                    assertThat(planner.trace(execution, probed.get(execution.id()), now).proposed())
                            .isEqualTo(RecoveryAction.REATTACH);
                }
                batched[round] = (System.nanoTime() - start) / 1e6;

                start = System.nanoTime();
                for (Execution execution : live) {
                    ProbeResult one = ProbeResult.inProcess(executor.recover(List.of(targets.ref(execution)))
                            .get(execution.id()));
                    assertThat(planner.trace(execution, one, Instant.now()).proposed()).isEqualTo(RecoveryAction.REATTACH);
                }
                oneByOne[round] = (System.nanoTime() - start) / 1e6;
            }
            String section = HEADING + "\n\n"
                    + "What: the recovery planner for " + CONTAINERS + " running containers (busybox `sleep 3600`) of one "
                    + "node on the test engine, the real Docker executor in the node: probe, then a trace and a proposed "
                    + "action each (all REATTACH). Batched: one `recover` for all; one by one: a `recover` per "
                    + "execution. Side by side in one run, " + ROUNDS + " rounds.\n\n"
                    + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Runtime.getRuntime().availableProcessors()
                    + " cores (shared with other builds), Java " + Runtime.version().feature() + ", load average "
                    + loadAverage() + " at the end.\n\n"
                    + "| plan | median (ms) | min (ms) | max (ms) |\n|---|---|---|---|\n"
                    + row("batched: one `recover` for " + CONTAINERS + " executions", batched)
                    + row("one `recover` per execution", oneByOne)
                    + String.format(Locale.ROOT, "%nRatio: %.1fx.%n", median(oneByOne) / median(batched))
                    + "\nThe Docker executor's `recover` lists the node's containers by label in one call whatever the "
                    + "number of refs, so one call per execution repeats that whole list once per execution; one "
                    + "`inspect` per execution instead is compared in \"Docker: recovery probe\" above.\n"
                    + "\nHow (a private engine first; stop it afterwards with `.ci/docker-engine stop \"$engine_dir\"`):\n\n"
                    + "```\nengine_dir=$(mktemp -d)\neval \"$(.ci/docker-engine start \"$engine_dir\")\"\n" + COMMAND
                    + "\n```\n";
            System.out.println(section);
            writeSection(section);
        }
    }

    private List<Execution> startSleepers(DockerExecutor executor) throws Exception {
        JobSpec spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker"))
                .parse(SystemJobs.docker("sleeper", "service", "sleep 3600")).spec();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Execution>> started = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < CONTAINERS; i++) {
                String id = TestEngine.newExecutionId();
                started.add(pool.submit(() -> {
                    ExecutionFiles files = ExecutionFiles.under(dir, id);
                    Files.createDirectories(files.dir());
                    var handle = executor.start(new StartRequest(id, "j-" + id, 1, spec, files));
                    return Execution.accepted(id, "j-" + id, spec, now)
                            .transitioned(ExecutionState.STARTING, "starting", now, 0)
                            .transitioned(ExecutionState.RUNNING, "running", now, 0).withHandle(handle);
                }));
            }
            List<Execution> live = new ArrayList<>();
            for (Future<Execution> execution : started) {
                live.add(execution.get());
            }
            return live;
        } finally {
            pool.shutdown();
        }
    }

    /** The node's view with only the in-process Docker executor. */
    private record Targets(DockerExecutor executor, Path dir) implements ProbeTargets {

        @Override
        public PluginReattach checkPlugin(ReattachConfig reattach) {
            throw new AssertionError("no plugins here");
        }

        @Override
        public Executor pluginExecutor(Execution execution) {
            throw new AssertionError("no plugins here");
        }

        @Override
        public Optional<Executor> inProcessExecutor(String engineType) {
            return Optional.of(executor);
        }

        @Override
        public ExecutionRef ref(Execution execution) {
            return ExecutionRef.of(execution, ExecutionFiles.under(dir, execution.id()));
        }
    }

    /** Replaces this benchmark's section of docs/benchmarks.md, keeping every other section. */
    private static void writeSection(String section) throws java.io.IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path file = (root == null ? Path.of("").toAbsolutePath() : root).resolve("docs").resolve("benchmarks.md");
        String existing = Files.readString(file);
        int start = existing.indexOf(HEADING + "\n");
        String updated;
        if (start < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = existing.indexOf("\n## ", start + HEADING.length());
            updated = existing.substring(0, start) + section + (next < 0 ? "" : "\n" + existing.substring(next + 1));
        }
        Files.writeString(file, updated);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (java.io.IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String row(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", what, sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }
}
