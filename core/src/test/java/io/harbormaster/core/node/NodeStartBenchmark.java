package io.harbormaster.core.node;

import io.harbormaster.core.cli.Main;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.testing.BenchmarkDoc;
import io.harbormaster.core.testing.ChildJvm;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long a node takes to start with 100,000 executions in its store: in-process (store open, retention
 * check, live scan, API up) and as a whole {@code harbormaster node} process until its API answers.
 * Measures only; the figures go to docs/benchmarks.md.
 */
@Tag("benchmark")
class NodeStartBenchmark {

    static final String COMMAND = "./mvnw -B -Pbenchmark -pl core test -Dtest=NodeStartBenchmark";
    private static final String HEADING = "## Node start";
    private static final int EXECUTIONS = 100_000;
    private static final int LIVE_EVERY = 50;
    private static final int REPETITIONS = 5;

    @Test
    void measureNodeStartWithAHundredThousandExecutions() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(Path.of("target"), "node-start-bench");
        Path dataDir = work.resolve("data");
        fill(new DataDirectory(dataDir));

        double[] inProcess = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            long t0 = System.nanoTime();
            ComputeNode node = ComputeNode.start(NodeOptions.builder(dataDir).build());
            inProcess[i] = (System.nanoTime() - t0) / 1e6;
            node.shutdown(false);
        }

        double[] wholeProcess = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            Files.deleteIfExists(dataDir.resolve("api.json"));
            long t0 = System.nanoTime();
            try (ChildJvm node = ChildJvm.start(work, "node-" + i, Main.class.getName(), "node", "--data-dir",
                    dataDir.toString())) {
                while (!Files.exists(dataDir.resolve("api.json"))) {
                    if (!node.isAlive()) {
                        throw new AssertionError("node exited: " + node.stderr());
                    }
                    Thread.sleep(5);
                }
                wholeProcess[i] = (System.nanoTime() - t0) / 1e6;
                ChildJvm.run(work, "shutdown-" + i, java.time.Duration.ofSeconds(60), Main.class.getName(), "shutdown",
                        "--data-dir", dataDir.toString());
                node.waitFor(java.time.Duration.ofSeconds(60));
            }
        }

        String section = HEADING + "\n\n"
                + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version().feature() + ". A store of " + String.format(Locale.ROOT, "%,d", EXECUTIONS)
                + " executions (" + EXECUTIONS / LIVE_EVERY + " of them live, the rest finished); median of "
                + REPETITIONS + " starts each, warm page cache.\n\n"
                + "| Measure | Median | Min | Max |\n|---|---|---|---|\n"
                + row("`ComputeNode.start` in-process: store open, retention, live scan, API listening", inProcess)
                + row("`harbormaster node` as a new JVM until its API endpoint file is written", wholeProcess)
                + "\nGoal: at most 1,500 ms. Command:\n\n```\n" + COMMAND + "\n```\n";
        System.out.println(section);
        BenchmarkDoc.writeSection(BenchmarkDoc.file(), HEADING, section);
    }

    private static void fill(DataDirectory dataDir) {
        JobSpec spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker"))
                .parse(TestJobs.batch("echo benchmark")).spec();
        Instant now = Instant.now();
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dataDir.storeDir())) {
            List<Execution> batch = new ArrayList<>();
            for (int n = 0; n < EXECUTIONS; n++) {
                Execution accepted = Execution.accepted(String.format("e-bench-%06d", n), "j-bench-" + n, spec, now);
                batch.add(n % LIVE_EVERY == 0
                        ? accepted.transitioned(ExecutionState.STARTING, "start", now, 0)
                                .transitioned(ExecutionState.RUNNING, "running", now, 0)
                        : accepted.transitioned(ExecutionState.COMPLETED, "exit 0", now, 0).withExitCode(0));
                if (batch.size() == 1_000) {
                    store.createAll(batch);
                    batch.clear();
                }
            }
        }
    }

    private static String row(String measure, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", measure, sorted[sorted.length / 2],
                sorted[0], sorted[sorted.length - 1]);
    }
}
