package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kill loop at store level: a child JVM ({@link StoreCrashMain}) hammers the store, is SIGKILLed at a
 * random instant once it has acknowledged its first write (now and then earlier, while it is still
 * opening the store), and the store is reopened here, every record read back, and every write the child
 * acknowledged looked up. The child JVM's start is most of a cycle.
 */
final class StoreCrashHarness {

    /** What a run found. {@code damage} and {@code lost} must both be empty for a store that survives kill -9. */
    record Outcome(int kills, long acknowledged, int executionsChecked, List<String> damage, List<String> lost,
                   int repairedOpens) {

        String summary() {
            return kills + " kills, " + acknowledged + " acknowledged writes, " + executionsChecked
                    + " executions read back, " + damage.size() + " damaged, " + lost.size() + " lost, "
                    + repairedOpens + " opens that repaired a damaged file";
        }
    }

    private static final int THREADS = 4;
    private static final int MAX_DELAY_MILLIS = 400;

    private final Path root;
    private final Random random;
    private final int cyclesPerStore;
    private int storeNumber;
    private Path dir;
    /** Every acknowledged write on the current store: id -> highest revision. */
    private final Map<String, Long> acknowledged = new HashMap<>();

    StoreCrashHarness(Path root, long seed, int cyclesPerStore) {
        this.root = root;
        this.random = new Random(seed);
        this.cyclesPerStore = cyclesPerStore;
        freshStore();
    }

    Outcome run(int kills) throws IOException, InterruptedException {
        List<String> damage = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        long acks = 0;
        int checked = 0;
        int repaired = 0;
        for (int cycle = 1; cycle <= kills; cycle++) {
            acks += killOnce("c" + cycle + "-");
            Check check = reopenAndCheck(cycle);
            checked += check.executions();
            if (check.repaired()) {
                repaired++;
            }
            if (check.damage() != null) {
                damage.add("kill " + cycle + ": " + check.damage());
                System.out.println("[store-crash] kill " + cycle + ": DAMAGE " + check.damage());
                freshStore();
            } else if (!check.lost().isEmpty()) {
                lost.add("kill " + cycle + ": " + check.lost());
                System.out.println("[store-crash] kill " + cycle + ": LOST " + check.lost());
                freshStore();
            } else if (cycle % cyclesPerStore == 0) {
                freshStore();
            }
            if (cycle % 25 == 0) {
                System.out.println("[store-crash] " + cycle + " kills, " + damage.size() + " damaged, " + lost.size()
                        + " with lost writes, " + repaired + " repaired at open");
            }
        }
        return new Outcome(kills, acks, checked, damage, lost, repaired);
    }

    private void freshStore() {
        dir = root.resolve("store-" + storeNumber++);
        acknowledged.clear();
    }

    /** Starts the child, kills it at a random instant, and returns how many acknowledgements it printed. */
    private long killOnce(String prefix) throws IOException, InterruptedException {
        PipedChildJvm child = PipedChildJvm.start(StoreCrashMain.class, dir.toString(), Integer.toString(THREADS),
                prefix);
        Map<String, Long> acks = new ConcurrentHashMap<>();
        AtomicLong lines = new AtomicLong();
        // counted down at the first acknowledged write: the kill then lands among writes, not in JVM start-up
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> readAcks(child, acks, lines, ready), "store-crash-acks");
        reader.start();
        try {
            boolean duringOpen = random.nextInt(100) < 15;
            if (!duringOpen) {
                ready.await(60, TimeUnit.SECONDS);
            }
            Thread.sleep(random.nextInt(MAX_DELAY_MILLIS));
            child.kill();
            // the pipe keeps what the child wrote before it died: read it to the end
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.close();
        }
        acks.forEach((id, revision) -> acknowledged.merge(id, revision, Math::max));
        return lines.get();
    }

    private static void readAcks(PipedChildJvm child, Map<String, Long> acks, AtomicLong count, CountDownLatch ready) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acks.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                    count.incrementAndGet();
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the pipe closed under us after the kill: what was read is what counts
        } finally {
            ready.countDown();
        }
    }

    private record Check(int executions, String damage, List<String> lost, boolean repaired) {
    }

    /** Reopens the store, reads every record, and looks up every acknowledged write. */
    private Check reopenAndCheck(int cycle) {
        List<String> lost = new ArrayList<>();
        int executions = 0;
        boolean repaired;
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir)) {
            repaired = StoreCrashProbe.repaired(store);
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                Execution stored = store.get(ack.getKey()).orElse(null);
                if (stored == null || stored.revision() < ack.getValue()) {
                    lost.add(ack.getKey() + "@" + ack.getValue() + " found "
                            + (stored == null ? "nothing" : "revision " + stored.revision()));
                } else if (store.history(ack.getKey()).size() != stored.revision()) {
                    lost.add(ack.getKey() + " history " + store.history(ack.getKey()).size() + " != revision "
                            + stored.revision());
                }
            }
            executions = readEverything(store);
        } catch (StoreCorruptException e) {
            return new Check(0, "store refused to open: " + rootCause(e), lost, false);
        } catch (RuntimeException e) {
            return new Check(0, "reading back failed: " + rootCause(e), lost, false);
        }
        try {
            StoreInvariants.assertEveryExecutionInExactlyOneState(dir);
        } catch (AssertionError | RuntimeException e) {
            return new Check(executions, "indexes disagree after kill " + cycle + ": " + e.getMessage(), lost,
                    repaired);
        }
        return new Check(executions, null, lost, repaired);
    }

    /** Every execution (decoded), its history, and the whole decision log. */
    private static int readEverything(MapDbExecutionStore store) {
        int count = 0;
        Execution older = null;
        while (true) {
            List<Execution> page = store.listBefore(older, 500);
            if (page.isEmpty()) {
                break;
            }
            for (Execution execution : page) {
                store.history(execution.id());
                count++;
            }
            older = page.get(page.size() - 1);
        }
        long from = 0;
        while (true) {
            List<DecisionRecord> entries = store.decisions().read(from, 500);
            if (entries.isEmpty()) {
                break;
            }
            from = entries.get(entries.size() - 1).sequence() + 1;
        }
        return count;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getName() + ": " + cause.getMessage();
    }
}
