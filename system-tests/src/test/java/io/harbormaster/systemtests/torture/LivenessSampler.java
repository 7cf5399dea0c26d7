package io.harbormaster.systemtests.torture;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.executors.docker.DockerLabels;
import io.harbormaster.executors.docker.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Looks, several times a second, at what the node has alive outside itself: its containers (by node label)
 * and its plugin processes (by the {@code --node-id} on their command line). An execution with two live
 * containers, or a plugin name with two live processes, is a violation. Every plugin process seen is kept,
 * so the harness can end them (by handle: a reused pid is never signalled) even when the run fails.
 */
final class LivenessSampler implements AutoCloseable {

    private static final Set<String> LIVE_CONTAINER_STATES = Set.of("created", "running", "restarting", "paused");
    private static final long PERIOD_MILLIS = 250;

    private final TestEngine engine;
    private final String nodeId;
    private final Consumer<String> violations;
    private final Map<Long, ProcessHandle> plugins = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> pluginStarts = new ConcurrentHashMap<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int samples;

    LivenessSampler(TestEngine engine, String nodeId, Consumer<String> violations) {
        this.engine = engine;
        this.nodeId = nodeId;
        this.violations = violations;
        this.thread = new Thread(this::loop, "torture-sampler");
        this.thread.setDaemon(true);
    }

    LivenessSampler start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                sampleOnce();
            } catch (RuntimeException engineHiccup) {
                // a failed look is no evidence either way; the next one follows
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    void sampleOnce() {
        List<Container> containers = engine.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec();
        containers.stream().filter(c -> LIVE_CONTAINER_STATES.contains(c.getState()))
                .collect(Collectors.groupingBy(c -> String.valueOf(c.getLabels().get(DockerLabels.EXECUTION))))
                .forEach((execution, live) -> {
                    if (live.size() > 1) {
                        report("execution " + execution + " had " + live.size() + " live containers at once: "
                                + live.stream().map(c -> c.getId().substring(0, 12) + " " + c.getState()).toList());
                    }
                });
        Map<String, List<ProcessHandle>> byName = new HashMap<>();
        for (ProcessHandle process : pluginProcesses()) {
            plugins.putIfAbsent(process.pid(), process);
            String name = argumentAfter(process, "--name").orElse("?");
            pluginStarts.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(process.pid());
            byName.computeIfAbsent(name, n -> new ArrayList<>()).add(process);
        }
        byName.forEach((name, alive) -> {
            if (alive.size() > 1) {
                report("plugin " + name + " had " + alive.size() + " live processes at once: "
                        + alive.stream().map(ProcessHandle::pid).toList());
            }
        });
        samples++;
    }

    /** Live plugin processes of this node, found by their command line. */
    List<ProcessHandle> pluginProcesses() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> argumentAfter(p, "--node-id").map(nodeId::equals).orElse(false))
                .toList();
    }

    private static Optional<String> argumentAfter(ProcessHandle process, String flag) {
        List<String> args = arguments(process);
        for (int i = 0; i + 1 < args.size(); i++) {
            if (flag.equals(args.get(i))) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The whole command line. {@link ProcessHandle.Info#arguments()} gives up on long ones (a plugin's class path
     * runs past 4096 bytes), so on Linux it is read from /proc, NUL-separated, as the kernel keeps it.
     */
    static List<String> arguments(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            String raw = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException | UnsupportedOperationException notLinuxOrGone) {
            return List.of(process.info().arguments().orElse(new String[0]));
        }
    }

    private void report(String violation) {
        // one report per distinct finding: the same double stays visible over many samples
        if (!reported.contains(violation)) {
            reported.add(violation);
            violations.accept(violation);
        }
    }

    /** Plugin names and how many distinct processes each had over the run (a dedicated plugin restarted counts twice). */
    Map<String, Integer> pluginStartCounts() {
        return pluginStarts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    }

    int samples() {
        return samples;
    }

    /** Stops sampling and kills every plugin process it saw that still runs (by handle). */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle plugin : plugins.values()) {
            if (plugin.isAlive()) {
                plugin.destroyForcibly();
                plugin.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> plugin).join();
            }
        }
    }
}
