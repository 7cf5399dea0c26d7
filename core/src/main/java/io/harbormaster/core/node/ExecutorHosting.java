package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.plugin.HelloLines;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginPlacement;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.plugin.PluginWire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each execution's executor runs and hands out the executor to talk to: the in-process one,
 * the shared plugin of its type, or a plugin of its own. An execution that carries a ReattachConfig is
 * always served by that plugin, so every call after a restart reaches the process that runs it.
 *
 * <p>Placement is the {@code placement} setting of each executor in {@code config.yaml}: {@code in-process},
 * {@code shared}, or {@code dedicated} (long-running executions get a plugin each, the rest stay in-process).
 * WebAssembly defaults to {@code dedicated}, so a service outlives the node; every other engine to in-process.
 */
public final class ExecutorHosting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorHosting.class);
    static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(5);
    /** How long a start waits for {@link Executor#prepare}; past it, the plugin does the work itself. */
    private static final Duration PREPARE_WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> DEFAULT_PLACEMENT = Map.of("wasm", "dedicated");
    /**
     * JVM options of every plugin. A small initial heap is what keeps an idle plugin small: without it the JVM
     * sizes its first heap from the machine's memory and the young generation alone touches tens of MB
     * (docs/benchmarks.md, "Plugins: reattach and memory"). No cap on heap, metaspace or code cache: they barely
     * change the resident size, and a cap would fail a module with a large linear memory or a shared plugin
     * hosting many modules. Both JIT compilers stay, so compiled WebAssembly keeps its peak speed (a dedicated
     * plugin gives that up for memory: {@link #pluginJvmOptionsFor(PluginPlacement, Map)}). Where the JVM
     * has the flag, the native heap is trimmed every 2 s: compiling a module leaves several MB of freed compiler
     * memory that glibc would otherwise keep resident for the plugin's whole life.
     */
    public static final List<String> PLUGIN_JVM_OPTIONS = pluginJvmOptions(Runtime.version());
    /**
     * The per-engine {@code config.yaml} key that chooses the JIT of dedicated plugins: {@value #JIT_C1} (the
     * default) or {@value #JIT_TIERED}. A dedicated plugin hosts one long-running service that mostly sleeps on
     * I/O, so C2's peak speed is worth less there than the memory C1 alone saves each plugin; a CPU-bound service
     * runs slower without C2 (docs/benchmarks.md, "Plugins: reattach and memory"), and its operator can ask for
     * {@value #JIT_TIERED}. Shared plugins always keep both compilers.
     */
    public static final String DEDICATED_PLUGIN_JIT = "dedicatedPluginJit";
    static final String JIT_C1 = "c1";
    static final String JIT_TIERED = "tiered";
    /** What a dedicated plugin adds to {@link #PLUGIN_JVM_OPTIONS} unless its engine asks for {@value #JIT_TIERED}. */
    public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /**
     * A dedicated plugin's young generation: one service that mostly sleeps allocates little, and the default
     * young generation sized from {@code -Xms} keeps about 2 MiB more resident for nothing (docs/benchmarks.md).
     * Shared plugins keep the default: they serve many executions and their protocol traffic.
     */
    public static final String SMALL_YOUNG_GENERATION = "-Xmn2m";
    /** The JVM options of a dedicated plugin under the default config. */
    public static final List<String> DEDICATED_PLUGIN_JVM_OPTIONS = pluginJvmOptionsFor(PluginPlacement.DEDICATED, Map.of());

    /** The JVM options for plugins run by a {@code java} of this version (the node's own, by default). */
    static List<String> pluginJvmOptions(Runtime.Version java) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms8m"));
        if (trimsNativeHeap(java)) {
            options.add("-XX:TrimNativeHeapInterval=2000");
        }
        return List.copyOf(options);
    }

    /** TrimNativeHeapInterval came with JDK 22 and was backported to 17.0.9 and 21.0.1; older JVMs refuse it. */
    private static boolean trimsNativeHeap(Runtime.Version java) {
        return switch (java.feature()) {
            case 17 -> java.update() >= 9;
            case 18, 19, 20 -> false;
            case 21 -> java.update() >= 1;
            default -> java.feature() > 21;
        };
    }

    /**
     * The JVM options of a plugin of {@code placement} for an engine with these {@code config.yaml} settings.
     *
     * @throws HarbormasterException when {@value #DEDICATED_PLUGIN_JIT} is neither {@value #JIT_C1} nor
     *     {@value #JIT_TIERED}
     */
    public static List<String> pluginJvmOptionsFor(PluginPlacement placement, Map<String, String> settings) {
        boolean c1Only = dedicatedJit(settings).equals(JIT_C1);
        if (placement != PluginPlacement.DEDICATED) {
            return PLUGIN_JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>(PLUGIN_JVM_OPTIONS);
        options.add(SMALL_YOUNG_GENERATION);
        if (c1Only) {
            options.add(C1_ONLY);
        }
        return List.copyOf(options);
    }

    /** The JIT an engine's settings ask for its dedicated plugins; checked when config.yaml is read. */
    static String dedicatedJit(Map<String, String> settings) {
        String jit = settings.getOrDefault(DEDICATED_PLUGIN_JIT, JIT_C1);
        if (!jit.equals(JIT_C1) && !jit.equals(JIT_TIERED)) {
            throw new HarbormasterException(DEDICATED_PLUGIN_JIT + " must be " + JIT_C1 + " (C1 only: less memory per "
                    + "dedicated plugin) or " + JIT_TIERED + " (C1 then C2: faster CPU-bound services), not '" + jit + "'");
        }
        return jit;
    }

    private final ExecutorRegistry inProcess;
    private final NodeConfig config;
    private final String nodeId;
    private final DataDirectory dataDir;
    private final Map<String, PluginExecutor> plugins = new ConcurrentHashMap<>();

    ExecutorHosting(ExecutorRegistry inProcess, NodeConfig config, String nodeId, DataDirectory dataDir) {
        this.inProcess = inProcess;
        this.config = config;
        this.nodeId = nodeId;
        this.dataDir = dataDir;
    }

    public PluginPlacement placementFor(Execution execution) {
        String setting = config.executorSettings(execution.engineType())
                .getOrDefault("placement", DEFAULT_PLACEMENT.getOrDefault(execution.engineType(), "in-process"));
        return switch (setting) {
            case "shared" -> PluginPlacement.SHARED;
            case "dedicated" -> execution.spec().isLongRunning() ? PluginPlacement.DEDICATED : PluginPlacement.IN_PROCESS;
            case "in-process" -> PluginPlacement.IN_PROCESS;
            default -> throw new HarbormasterException("config.yaml: executors." + execution.engineType()
                    + ".placement must be in-process, shared or dedicated, not '" + setting + "'");
        };
    }

    /** The executor for an execution that runs or ran: its plugin if it has one, else the in-process one. */
    public Optional<Executor> executorFor(Execution execution) {
        if (execution.reattach() != null) {
            return Optional.of(plugin(execution.engineType(), execution.reattach()));
        }
        return inProcess.forType(execution.engineType());
    }

    /**
     * For an execution about to start: launches or finds the plugin its placement asks for. Empty when it
     * runs in-process. The caller persists the config before calling start, so a crash right after the
     * launch still leaves the plugin findable.
     */
    ReattachConfig pluginFor(Execution execution) {
        PluginPlacement placement = placementFor(execution);
        if (placement == PluginPlacement.IN_PROCESS) {
            return null;
        }
        CompletableFuture<Void> prepared = prepareAhead(execution);
        ReattachConfig plugin = launchOrFind(execution, placement);
        awaitPrepared(execution, prepared);
        return plugin;
    }

    /**
     * Lets the in-process executor of the type do, while the plugin JVM starts, what the plugin would otherwise
     * do for itself (compile a wasm module): the plugin then loads less and stays smaller.
     */
    private CompletableFuture<Void> prepareAhead(Execution execution) {
        Optional<Executor> local = inProcess.forType(execution.engineType());
        if (local.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread preparing = new Thread(() -> {
            try {
                local.get().prepare(execution.spec());
            } catch (RuntimeException executorBug) {
                LOG.warn("Executor '{}' failed preparing execution {} for its plugin; the plugin does it itself",
                        execution.engineType(), execution.id(), executorBug);
            } finally {
                done.complete(null);
            }
        }, "prepare-" + execution.id());
        preparing.setDaemon(true);
        preparing.start();
        return done;
    }

    /** The start request must not reach the plugin before the work it would otherwise redo is ready. */
    private static void awaitPrepared(Execution execution, CompletableFuture<Void> prepared) {
        try {
            prepared.get(PREPARE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            LOG.warn("Preparing execution {} for its plugin took over {} s; the plugin does it itself",
                    execution.id(), PREPARE_WAIT.toSeconds());
        } catch (ExecutionException impossible) {
            LOG.debug("Preparing execution {} failed: {}", execution.id(), impossible.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ReattachConfig launchOrFind(Execution execution, PluginPlacement placement) {
        String type = execution.engineType();
        if (placement == PluginPlacement.SHARED) {
            synchronized (this) {
                Optional<PluginExecutor> alive = plugins.values().stream()
                        .filter(p -> p.type().equals(type) && p.reattachConfig().socketPath().endsWith(sharedName(type) + ".sock"))
                        .filter(p -> PluginProcess.reattach(p.reattachConfig(), PLUGIN_TIMEOUT).responding())
                        .findFirst();
                if (alive.isPresent()) {
                    return alive.get().reattachConfig();
                }
                return launch(type, sharedName(type), placement);
            }
        }
        String compact = execution.id().replaceAll("[^A-Za-z0-9]", "");
        // a short name: Unix socket paths are limited to about 107 bytes
        return launch(type, "d-" + compact.substring(0, Math.min(16, compact.length())), placement);
    }

    private ReattachConfig launch(String type, String name, PluginPlacement placement) {
        Path runtimeDir = runtimeDir();
        Optional<ReattachConfig> serving = PluginProcess.findServing(new PluginFiles(runtimeDir, name), type, PLUGIN_TIMEOUT);
        if (serving.isPresent()) {
            // launched by a node killed before it persisted the config: adopt it, a second one would be refused
            LOG.info("Plugin {} for {} already runs (pid {}): adopted", name, type, serving.get().pid());
            plugin(type, serving.get());
            return serving.get();
        }
        PluginLaunchSpec.Builder spec = PluginLaunchSpec.builder(type, runtimeDir, nodeId, dataDir.root())
                .name(name)
                .settings(settingsFor(type));
        pluginJvmOptionsFor(placement, config.executorSettings(type)).forEach(spec::jvmOption);
        ReattachConfig launched = new PluginLauncher(spec.build()).launch();
        LOG.info("Plugin {} for {} started: pid {}", name, type, launched.pid());
        plugin(type, launched);
        return launched;
    }

    /** What the in-process executor of this type gets, less the node's own placement choice. */
    private Map<String, String> settingsFor(String type) {
        Map<String, String> settings = new java.util.TreeMap<>(config.executorSettings(type));
        settings.remove("placement");
        settings.remove(DEDICATED_PLUGIN_JIT);
        if (config.dockerHost() != null) {
            settings.putIfAbsent("dockerHost", config.dockerHost());
        }
        return settings;
    }

    private PluginExecutor plugin(String type, ReattachConfig reattach) {
        return plugins.computeIfAbsent(reattach.socketPath(), socket -> PluginExecutor.connect(type, reattach, PLUGIN_TIMEOUT));
    }

    /** A dedicated plugin has nothing left to do once its execution ended: let it go. */
    void released(Execution execution) {
        if (execution.reattach() == null || !isDedicated(execution.reattach())) {
            return;
        }
        PluginExecutor plugin = plugins.remove(execution.reattach().socketPath());
        if (plugin == null) {
            plugin = PluginExecutor.connect(execution.engineType(), execution.reattach(), PLUGIN_TIMEOUT);
        }
        try {
            plugin.shutdown(false, Duration.ZERO);
        } catch (PluginException gone) {
            LOG.debug("Dedicated plugin of {} already gone: {}", execution.id(), gone.getMessage());
        } finally {
            plugin.close();
        }
    }

    /**
     * Where a persisted plugin stands now: responding, hung, dead or its pid reused; when it responds, what it still
     * has of {@code refs}, asked on the same connection.
     */
    PluginReattach probe(ReattachConfig reattach, List<ExecutionRef> refs) {
        if (!ReattachPrimed.DONE) {
            LOG.debug("The reattach lines did not read back by hand in memory; each plugin is asked all the same");
        }
        return PluginProcess.reattach(reattach, PLUGIN_TIMEOUT, refs);
    }

    /**
     * A reattach run once in memory before the node's first probe ({@link HelloLines#prime}); the prober's threads
     * that ask at the same moment wait the few milliseconds it takes (class initialisation), then find the code
     * loaded and run once instead of each running it cold.
     */
    private static final class ReattachPrimed {

        static final boolean DONE = HelloLines.prime(new PluginWire.Info(ProcessHandle.current().pid(), Instant.now(),
                "node", "prime", PluginHandshake.CORE_PROTOCOL_VERSION, PluginHandshake.APP_PROTOCOL_VERSION, 0));
    }

    /**
     * Ends the dedicated plugin an execution had before it is started again: a hung plugin proven ours
     * (pid and start time) must not live on beside the new one. A shared plugin is left alone.
     */
    void retireOldPlugin(Execution execution, Duration grace) {
        if (execution.reattach() != null && isDedicated(execution.reattach())) {
            PluginExecutor old = plugins.remove(execution.reattach().socketPath());
            if (old != null) {
                old.close();
            }
            LOG.info("Old plugin of {}: {}", execution.id(), PluginProcess.stopIfOurs(execution.reattach(), grace));
        }
    }

    /** The plugins this node talks to now. */
    public List<PluginExecutor> plugins() {
        return new ArrayList<>(plugins.values());
    }

    /** Asks every known plugin to stop its executions and exit ({@code shutdown --stop-executions}). */
    void stopAllPlugins(Duration grace) {
        for (PluginExecutor plugin : plugins()) {
            try {
                plugin.shutdown(true, grace);
            } catch (PluginException gone) {
                LOG.debug("Plugin {} did not answer the shutdown: {}", plugin.reattachConfig().socketPath(), gone.getMessage());
            }
        }
    }

    /** Detaches from every plugin; they and their executions keep running. */
    @Override
    public void close() {
        plugins.values().forEach(PluginExecutor::close);
        plugins.clear();
    }

    private static boolean isDedicated(ReattachConfig reattach) {
        return Path.of(reattach.socketPath()).getFileName().toString().startsWith("d-");
    }

    private static String sharedName(String type) {
        return "s-" + type;
    }

    private Path runtimeDir() {
        Path dir = dataDir.runtimeDir();
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException io) {
            throw new HarbormasterException("Cannot prepare the plugin runtime directory " + dir + ": " + io.getMessage(), io);
        }
        return dir;
    }
}
