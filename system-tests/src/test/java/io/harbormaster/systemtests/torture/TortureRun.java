package io.harbormaster.systemtests.torture;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.api.EventStream;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.executors.docker.CrashableNode;
import io.harbormaster.executors.docker.DockerLabels;
import io.harbormaster.executors.docker.NodeProcess;
import io.harbormaster.executors.docker.TestEngine;
import io.harbormaster.systemtests.SystemJobs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Drives one real node JVM through a mixed workload and {@code kill -9}s it again and again, each time in
 * one of the {@link CrashWindow}s, restarting it with {@code --approve auto}. Every window is aimed at once
 * in the first cycles (in a seeded order) and again until it is proven hit; later cycles pick at random.
 * After the last kill {@link TortureVerdict} settles the node, checks the invariants and makes a full reset.
 */
final class TortureRun implements AutoCloseable {

    static final String HOLD = "=600000";
    private static final Duration UP_TO = Duration.ofSeconds(60);
    private static final Pattern RECOVERY_ACTION = Pattern.compile(
            "Execution e-[0-9a-f-]+: (REATTACH|ADOPT_RESULT|RESUME|RERUN|FAIL|CANCEL) \\(");

    private final long seed;
    private final int kills;
    private final Random random;
    private final TestEngine engine;
    private final CrashableNode crashable;
    private final TortureWorkload workload;
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<CrashWindow, Integer> hits = new EnumMap<>(CrashWindow.class);
    private final List<Instant[]> downIntervals = new ArrayList<>();
    private final List<CrashWindow> firstRound;
    private LivenessSampler sampler;
    private NodeContainerEvents containerEvents;
    private NodeProcess node;
    private int killsDone;
    private int nodeStarts;

    TortureRun(long seed, int kills, Path dir) {
        this.seed = seed;
        this.kills = kills;
        this.random = new Random(seed);
        this.engine = new TestEngine();
        this.crashable = new CrashableNode(dir.resolve("data"), engine.host);
        this.workload = new TortureWorkload(random);
        List<CrashWindow> order = new ArrayList<>(List.of(CrashWindow.values()));
        Collections.shuffle(order, random);
        this.firstRound = order;
        for (CrashWindow window : CrashWindow.values()) {
            hits.put(window, 0);
        }
    }

    TortureReport run() throws Exception {
        long begin = System.nanoTime();
        Instant since = Instant.now();
        CrashWindow window = chooseWindow(0, kills);
        if (!restart(window)) {
            return report(begin, since, 0, null);
        }
        sampler = new LivenessSampler(engine, crashable.nodeId(), violations::add).start();
        containerEvents = NodeContainerEvents.follow(engine, crashable.nodeId(), since);
        // one service of each engine from the start, so every run has a plugin process and a container to keep
        submit(workload.dockerService());
        submit(workload.wasmService());
        int cycle = 0;
        while (killsDone < kills) {
            boolean hit = play(window);
            if (hit) {
                hits.merge(window, 1, Integer::sum);
            }
            log("cycle " + cycle + ": " + window + (hit ? " hit" : " missed") + "; kills " + killsDone + "/" + kills);
            window = chooseWindow(++cycle, kills - killsDone);
            if (!restart(killsDone < kills ? window : null)) {
                return report(begin, since, 0, null);
            }
        }
        TortureVerdict verdict = new TortureVerdict(engine, crashable.nodeId(), node, submitted, downIntervals,
                containerEvents, violations::add);
        int removed = verdict.settleCheckAndReset();
        sampler.sampleOnce();
        return report(begin, since, removed, verdict);
    }

    private TortureReport report(long begin, Instant since, int removed, TortureVerdict verdict) {
        Map<String, Integer> shapes = new TreeMap<>();
        submitted.forEach(s -> shapes.merge(s.shape(), 1, Integer::sum));
        return new TortureReport(seed, killsDone, submitted.size(), shapes, new EnumMap<>(hits), nodeStarts,
                verdict == null ? 0 : verdict.adoptedWhileDown(), verdict == null ? 0 : verdict.neverCreated(),
                sampler == null ? 0 : sampler.pluginStartCounts().values().stream().mapToInt(Integer::intValue).sum(),
                removed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), List.copyOf(violations));
    }

    /**
     * The next cycle's window, but never the recovery window with a single kill left: it kills twice, and the run
     * would end one kill past the number asked for.
     */
    private CrashWindow chooseWindow(int cycle, int killsLeft) {
        CrashWindow window = pickWindow(cycle);
        return window == CrashWindow.DURING_RECOVERY_APPLY && killsLeft < 2 ? CrashWindow.WHILE_RUNNING : window;
    }

    /** Unhit windows first (the first round in seeded order), then a seeded random pick. */
    private CrashWindow pickWindow(int cycle) {
        if (cycle < firstRound.size()) {
            return firstRound.get(cycle);
        }
        for (CrashWindow window : firstRound) {
            if (hits.get(window) == 0) {
                return window;
            }
        }
        int pick = random.nextInt(100);
        if (pick < 40) {
            return CrashWindow.WHILE_RUNNING;
        }
        if (pick < 60) {
            return CrashWindow.BATCH_EXITS_WHILE_DOWN;
        }
        if (pick < 75) {
            return CrashWindow.DURING_RECOVERY_APPLY;
        }
        if (pick < 83) {
            return CrashWindow.BEFORE_HANDLE_PERSISTED;
        }
        if (pick < 91) {
            return CrashWindow.BETWEEN_CREATE_AND_START;
        }
        return CrashWindow.DURING_RESET;
    }

    /** Runs one cycle's work on the ready node and kills it (twice for the recovery window). */
    private boolean play(CrashWindow window) throws Exception {
        return switch (window) {
            case WHILE_RUNNING -> {
                submitSome(1 + random.nextInt(3));
                Thread.sleep(200 + random.nextInt(2300));
                boolean running = node.api().list(Set.of(ExecutionState.RUNNING), 1).size() > 0;
                kill();
                yield running;
            }
            case BATCH_EXITS_WHILE_DOWN -> batchExitsWhileDown();
            case BEFORE_HANDLE_PERSISTED -> {
                submitSome(random.nextInt(2));
                String id = submit(workload.dockerBatch(true));
                boolean held = awaitContainer(id, "running") && awaitHeldWithoutHandle(id);
                kill();
                yield held;
            }
            case BETWEEN_CREATE_AND_START -> {
                String id = submit(workload.dockerBatch(random.nextBoolean()));
                boolean created = awaitContainer(id, "created");
                kill();
                yield created;
            }
            case DURING_RECOVERY_APPLY -> duringRecovery();
            case DURING_RESET -> duringReset();
        };
    }

    private boolean batchExitsWhileDown() throws Exception {
        submitSome(random.nextInt(3));
        TortureWorkload.Job job = workload.dockerBatch(false);
        String id = submit(new TortureWorkload.Job(job.spec().replaceFirst("sleep 0\\.[0-9]", "sleep 3"), job.engine(),
                job.service(), job.shape(), job.expectedExit()));
        boolean running = awaitContainer(id, "running");
        kill();
        if (!running) {
            return false;
        }
        // the node stays down until the batch's container has exited
        long deadline = System.nanoTime() + UP_TO.toNanos();
        while (System.nanoTime() < deadline) {
            if (crashable.containersOf(engine, id).stream().anyMatch(c -> "exited".equals(c.getState()))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private boolean duringRecovery() throws Exception {
        submitSome(1 + random.nextInt(3));
        Thread.sleep(300 + random.nextInt(1200));
        kill();
        NodeProcess recovering = crashable.launch(nodeOptions(), List.of());
        nodeStarts++;
        long deadline = System.nanoTime() + UP_TO.toNanos();
        boolean seen = false;
        while (System.nanoTime() < deadline && recovering.isAlive() && !recovering.isReady()) {
            if (RECOVERY_ACTION.matcher(recovering.log()).find()) {
                seen = true;
                break;
            }
            Thread.sleep(5);
        }
        boolean hit = seen && !recovering.isReady();
        node = recovering;
        kill();
        return hit;
    }

    private boolean duringReset() throws Exception {
        for (int i = 0; i < 3; i++) {
            // leftovers as a crash leaves them: our label, an execution the store never heard of
            String orphan = engine.docker.createContainerCmd(TestEngine.IMAGE).withCmd("sleep", "300")
                    .withLabels(Map.of(DockerLabels.NODE, crashable.nodeId(), DockerLabels.EXECUTION,
                            "e-orphan-" + UUID.randomUUID())).exec().getId();
            engine.docker.startContainerCmd(orphan).exec();
        }
        submitSome(random.nextInt(2));
        ApiClient api = node.api();
        CompletableFuture<Boolean> progress = new CompletableFuture<>();
        EventStream events = api.events();
        Thread reader = new Thread(() -> {
            try {
                while (!progress.isDone()) {
                    var event = events.next();
                    if (event.isEmpty()) {
                        progress.complete(false);
                    } else if (event.get().type() == NodeEvent.Type.RESET_PROGRESS) {
                        progress.complete(true);
                    }
                }
            } catch (IOException | RuntimeException streamEnded) {
                progress.complete(false);
            }
        }, "torture-reset-events");
        reader.setDaemon(true);
        reader.start();
        ResetPlan plan = api.planReset(false);
        CompletableFuture<Boolean> applied = CompletableFuture.supplyAsync(() -> {
            api.applyReset(plan.id());
            return true;
        });
        boolean inProgress = progress.get(UP_TO.toSeconds(), TimeUnit.SECONDS);
        boolean unfinished = !applied.isDone();
        kill();
        events.close();
        applied.exceptionally(t -> false).get(UP_TO.toSeconds(), TimeUnit.SECONDS);
        return inProgress && unfinished;
    }

    private void submitSome(int count) {
        for (int i = 0; i < count; i++) {
            submit(workload.next());
        }
    }

    private String submit(TortureWorkload.Job job) {
        String id = node.submit(job.spec());
        submitted.add(job.accepted(id));
        return id;
    }

    private boolean awaitContainer(String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + UP_TO.toNanos();
        while (System.nanoTime() < deadline) {
            if (crashable.containersOf(engine, id).stream().anyMatch(c -> state.equals(c.getState()))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private boolean awaitHeldWithoutHandle(String id) {
        Execution held = node.execution(id);
        return held.state() == ExecutionState.STARTING && held.handle() == null;
    }

    private void kill() throws InterruptedException {
        node.kill9();
        killsDone++;
        downIntervals.add(new Instant[] {Instant.now(), null});
    }

    /**
     * Starts the next node for {@code window} (its test hook, if it needs one). A node that does not come up
     * is a violation of "the store opens every time" and ends the run.
     */
    private boolean restart(CrashWindow window) throws IOException, InterruptedException {
        List<String> properties = window == CrashWindow.BEFORE_HANDLE_PERSISTED
                ? List.of("-Dharbormaster.test.pauseAfterStart" + HOLD)
                : window == CrashWindow.BETWEEN_CREATE_AND_START
                ? List.of("-Dharbormaster.test.pauseAfterCreate" + HOLD) : List.of();
        nodeStarts++;
        try {
            node = crashable.start(nodeOptions(), properties);
        } catch (AssertionError didNotStart) {
            violations.add("the node did not start after kill " + killsDone + " (the store must open every time): "
                    + didNotStart.getMessage());
            return false;
        }
        if (!downIntervals.isEmpty()) {
            downIntervals.get(downIntervals.size() - 1)[1] = Instant.now();
        }
        return true;
    }

    private static List<String> nodeOptions() {
        return List.of("--approve", "auto", "--allow-listed-local-paths", SystemJobs.wasmAllowList());
    }

    private static void log(String line) {
        System.out.println("[torture] " + line);
    }

    /** Kills what the run started (node, plugins seen) and removes the node's containers, even after a failure. */
    @Override
    public void close() throws IOException {
        try {
            if (sampler != null) {
                sampler.close();
            }
            if (containerEvents != null) {
                containerEvents.close();
            }
        } finally {
            try {
                crashable.close();
            } finally {
                engine.close();
            }
        }
    }
}
