package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery probe for 200 running containers: one list-by-label call against one inspect per
 * execution, side by side in one run. Run with {@code ./mvnw -Pbenchmark -pl executors/docker -am
 * verify -Dtest=DockerRecoveryProbeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@RequiresDockerEngine
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class DockerRecoveryProbeBenchmark {

    private static final int CONTAINERS = 200;
    private static final int ROUNDS = 7;

    @TempDir
    Path dir;

    @Test
    void oneListCallProbesTwoHundredContainersFasterThanOneInspectEach() throws Exception {
        try (TestEngine engine = new TestEngine(); DockerExecutor executor = engine.executor()) {
            List<ExecutionRef> refs = startSleepers(engine, executor);

            long[] listed = new long[ROUNDS];
            long[] inspected = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                Map<String, Observation> seen = executor.recover(refs);
                listed[round] = System.nanoTime() - start;
                assertThat(seen.values()).allMatch(Observation.Running.class::isInstance);

                start = System.nanoTime();
                for (ExecutionRef ref : refs) {
                    engine.docker.inspectContainerCmd(DockerLabels.containerName(ref.executionId())).exec();
                }
                inspected[round] = System.nanoTime() - start;
            }
            long listMedian = median(listed);
            long inspectMedian = median(inspected);
            System.out.printf("recovery probe, %d running containers, median of %d rounds: one list call %.1f ms,"
                            + " one inspect each %.1f ms, %.1fx faster%n", CONTAINERS, ROUNDS, listMedian / 1e6,
                    inspectMedian / 1e6, (double) inspectMedian / listMedian);
            assertThat(inspectMedian).isGreaterThan(listMedian);
        }
    }

    private List<ExecutionRef> startSleepers(TestEngine engine, DockerExecutor executor) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExecutionRef>> started = new ArrayList<>();
            for (int i = 0; i < CONTAINERS; i++) {
                StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "3600"));
                started.add(pool.submit(() -> TestEngine.ref(request, executor.start(request))));
            }
            List<ExecutionRef> refs = new ArrayList<>();
            for (Future<ExecutionRef> ref : started) {
                refs.add(ref.get());
            }
            return refs;
        } finally {
            pool.shutdown();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
