package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the store against the disk it sits on: raw fsyncs, durable transitions with one writer and
 * with sixteen (group commit), and opening a store of 100,000 executions. Prints a table and writes it
 * to docs/benchmarks.md. Run: {@code ./mvnw -B -Pbenchmark -pl core test -Dtest=StoreBenchmark}
 */
@Tag("benchmark")
class StoreBenchmark {

    static final String COMMAND = "./mvnw -B -Pbenchmark -pl core test -Dtest=StoreBenchmark";
    private static final int REPETITIONS = 5;
    private static final int FSYNCS = 2_000;
    private static final int SINGLE_EXECUTIONS = 200;
    private static final int THREADS = Integer.getInteger("benchmark.threads", 16);
    private static final int EXECUTIONS_PER_THREAD = 100;
    private static final int LARGE_STORE = 100_000;
    private static final Duration WINDOW = Duration.ofMillis(2);
    private static final Set<ExecutionState> LIVE = Set.of(ExecutionState.STARTING, ExecutionState.RUNNING);

    /** Under target/ so it sits on the build's disk, not on a tmpfs /tmp. */
    private final Path work = Path.of("target", "store-benchmark").toAbsolutePath();
    private int serial;

    @Test
    void measureStoreAgainstTheDisk() throws Exception {
        deleteTree(work);
        Files.createDirectories(work);
        double[] fsyncs = new double[REPETITIONS];
        double[] single = new double[REPETITIONS];
        double[] concurrent = new double[REPETITIONS];
        double[] windowed = new double[REPETITIONS];
        double[] mapDbEveryBatch = new double[REPETITIONS];
        String loadBefore = loadAverage();
        for (int rep = 0; rep < REPETITIONS; rep++) {
            fsyncs[rep] = fsyncsPerSecond();
            single[rep] = transitionsPerSecond(1, SINGLE_EXECUTIONS, Duration.ZERO);
            concurrent[rep] = transitionsPerSecond(THREADS, EXECUTIONS_PER_THREAD, Duration.ZERO);
            windowed[rep] = transitionsPerSecond(THREADS, EXECUTIONS_PER_THREAD, WINDOW);
            mapDbEveryBatch[rep] = transitionsPerSecond(THREADS, EXECUTIONS_PER_THREAD, Duration.ZERO, Duration.ZERO);
        }
        Path large = work.resolve("large");
        buildLargeStore(large);
        double[] openMillis = new double[REPETITIONS];
        double[] openAndLiveMillis = new double[REPETITIONS];
        int live = 0;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            long start = System.nanoTime();
            MapDbExecutionStore store = MapDbExecutionStore.open(large);
            long opened = System.nanoTime();
            live = store.inStates(LIVE).size();
            long done = System.nanoTime();
            store.close();
            openMillis[rep] = (opened - start) / 1e6;
            openAndLiveMillis[rep] = (done - start) / 1e6;
        }
        long largeBytes = Files.size(large.resolve(StoreFiles.DB_NAME));

        String table = BenchmarkReport.table(new BenchmarkReport.Figures(fsyncs, single, concurrent, windowed, mapDbEveryBatch, THREADS,
                WINDOW, openMillis, openAndLiveMillis, LARGE_STORE, live, largeBytes),
                machine() + "; load average " + loadBefore + " at the start, " + loadAverage() + " at the end",
                REPETITIONS);
        System.out.println(table);
        BenchmarkReport.writeSection(Path.of("..", "docs", "benchmarks.md"), table);
        deleteTree(work);
    }

    private double fsyncsPerSecond() throws IOException {
        Path file = work.resolve("fsync-" + serial++ + ".bin");
        byte[] record = "transition e-000000 RUNNING->COMPLETED\n".getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (int i = 0; i < FSYNCS; i++) {
                channel.write(ByteBuffer.wrap(record));
                channel.force(false);
            }
            return FSYNCS / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.delete(file);
        }
    }

    /** Each thread walks its own executions PENDING -> STARTING -> RUNNING -> COMPLETED, one durable call each. */
    private double transitionsPerSecond(int threads, int executionsPerThread, Duration window) throws Exception {
        return transitionsPerSecond(threads, executionsPerThread, window, MapDbStoreBuilder.DEFAULT_MAPDB_COMMIT_INTERVAL);
    }

    /** {@code mapDbCommitInterval} zero commits MapDB after every batch, as the store did before its journal. */
    private double transitionsPerSecond(int threads, int executionsPerThread, Duration window,
                                        Duration mapDbCommitInterval) throws Exception {
        Path dir = work.resolve("transitions-" + serial++);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MapDbExecutionStore store = MapDbExecutionStore.builder(dir).groupCommitWindow(window)
                .mapDbCommitInterval(mapDbCommitInterval).open()) {
            store.awaitWriter();
            List<Execution> accepted = new ArrayList<>();
            for (int n = 0; n < threads * executionsPerThread; n++) {
                accepted.add(StoreFixtures.acceptedNth(n));
            }
            store.createAll(accepted);
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                List<Execution> mine = accepted.subList(t * executionsPerThread, (t + 1) * executionsPerThread);
                done.add(pool.submit(() -> {
                    for (Execution execution : mine) {
                        store.transition(execution.id(), 1, Transition.to(ExecutionState.STARTING, "start"));
                        store.transition(execution.id(), 2, Transition.to(ExecutionState.RUNNING, "up"));
                        store.transition(execution.id(), 3, Transition.exited(ExecutionState.COMPLETED, 0, "exit 0"));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return 3.0 * threads * executionsPerThread / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            deleteTree(dir);
        }
    }

    /** Mostly finished work and a few live executions, written 1,000 per commit. */
    private static void buildLargeStore(Path dir) {
        Instant now = Instant.now();
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            List<Execution> batch = new ArrayList<>();
            for (int n = 0; n < LARGE_STORE; n++) {
                Execution accepted = StoreFixtures.acceptedNth(n);
                batch.add(switch (n % 100) {
                    case 0 -> accepted.transitioned(ExecutionState.STARTING, "start", now, 0);
                    case 1 -> accepted.transitioned(ExecutionState.RUNNING, "up", now, 0);
                    case 2 -> accepted;
                    case 3 -> accepted.transitioned(ExecutionState.FAILED, "exit 1", now, 0).withExitCode(1);
                    default -> accepted.transitioned(ExecutionState.COMPLETED, "exit 0", now, 0).withExitCode(0);
                });
                if (batch.size() == 1_000) {
                    store.createAll(batch);
                    batch.clear();
                }
            }
        }
    }

    private String machine() throws IOException {
        FileStore disk = Files.getFileStore(work);
        return Runtime.getRuntime().availableProcessors() + " cores (" + System.getProperty("os.arch") + ", "
                + System.getProperty("os.name") + "), Java " + Runtime.version().feature() + ", " + disk.type()
                + " file system on " + diskKind(disk.name());
    }

    /** Other builds share this machine: the reader should know how busy it was. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What the kernel says about the device, without naming any path. */
    private static String diskKind(String device) {
        String name = Path.of(device).getFileName() == null ? device : Path.of(device).getFileName().toString();
        Path rotational = Path.of("/sys/block", name, "queue", "rotational");
        String kind = name.startsWith("vd") ? "a virtio block device of a virtual machine" : "block device " + name;
        try {
            String flag = Files.readString(rotational).trim();
            return kind + " (kernel reports rotational=" + flag + "; the physical medium is unknown)";
        } catch (IOException e) {
            return kind;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
