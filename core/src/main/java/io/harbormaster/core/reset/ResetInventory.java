package io.harbormaster.core.reset;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.plugin.PluginClient;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginWire;
import io.harbormaster.core.store.ExecutionStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists everything the node owns and marks each thing live, orphan or not provably ours:
 * <ul>
 *   <li>executions the store says are live (a full reset stops them);</li>
 *   <li>what each in-process executor says it created ({@link Executor#owned}: containers by node label);</li>
 *   <li>plugin processes: from every persisted {@link ReattachConfig} (pid and start time) and from every
 *       socket in the runtime dir that answers with our token;</li>
 *   <li>sockets in the runtime dir no live plugin serves;</li>
 *   <li>execution work dirs the store has no execution for.</li>
 * </ul>
 */
final class ResetInventory {

    private static final Logger LOG = LoggerFactory.getLogger(ResetInventory.class);
    static final Set<ExecutionState> LIVE = EnumSet.of(ExecutionState.PENDING, ExecutionState.STARTING,
            ExecutionState.RUNNING);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    private final String nodeId;
    private final DataDirectory dataDir;
    private final ExecutionStore store;
    private final List<Executor> executors;
    private final Clock clock;

    ResetInventory(String nodeId, DataDirectory dataDir, ExecutionStore store, List<Executor> executors, Clock clock) {
        this.nodeId = nodeId;
        this.dataDir = dataDir;
        this.store = store;
        this.executors = executors;
        this.clock = clock;
    }

    ResetPlan plan(ResetMode mode) {
        Map<String, Execution> all = new LinkedHashMap<>();
        store.list(Set.of(), Integer.MAX_VALUE).forEach(e -> all.put(e.id(), e));
        Set<String> live = new TreeSet<>();
        all.values().stream().filter(e -> LIVE.contains(e.state())).forEach(e -> live.add(e.id()));
        List<ResetItem> items = new ArrayList<>();
        for (String id : live) {
            Execution execution = all.get(id);
            items.add(new ResetItem(ResetItem.EXECUTION, id, id, execution.engineType(), ResetItem.Ownership.LIVE,
                    mode == ResetMode.FULL ? ResetItem.Action.STOP : ResetItem.Action.LEAVE,
                    "in this node's store, " + execution.state(), null, null));
        }
        items.addAll(executorResources(mode, live));
        List<ResetItem> plugins = pluginProcesses(mode, all, live);
        items.addAll(plugins);
        items.addAll(sockets(plugins));
        items.addAll(workDirs(all.keySet()));
        return new ResetPlan("r-" + UUID.randomUUID(), nodeId, mode, clock.instant(), items);
    }

    private List<ResetItem> executorResources(ResetMode mode, Set<String> live) {
        List<ResetItem> items = new ArrayList<>();
        for (Executor executor : executors) {
            List<OwnedResource> owned;
            try {
                owned = executor.owned();
            } catch (HarbormasterException cannotList) {
                throw new HarbormasterException("The " + executor.type() + " executor cannot list what it created ("
                        + cannotList.userMessage() + "); a reset plan would be incomplete. Fix that, then plan again.",
                        cannotList.getMessage(), cannotList);
            }
            for (OwnedResource resource : owned) {
                boolean isLive = resource.executionId() != null && live.contains(resource.executionId());
                items.add(new ResetItem(resource.kind(), resource.id(), resource.executionId(), executor.type(),
                        isLive ? ResetItem.Ownership.LIVE : ResetItem.Ownership.ORPHAN,
                        isLive && mode == ResetMode.ORPHANS ? ResetItem.Action.LEAVE : ResetItem.Action.REMOVE,
                        resource.proof(), null, null));
            }
        }
        return items;
    }

    /** One item per process; the executions a plugin serves decide whether it is live. */
    private List<ResetItem> pluginProcesses(ResetMode mode, Map<String, Execution> all, Set<String> live) {
        Map<Long, ResetItem> byPid = new LinkedHashMap<>();
        for (Execution execution : all.values()) {
            ReattachConfig config = execution.reattach();
            if (config == null || !PluginProcessProof.alive(config.pid())) {
                continue;
            }
            String liveUser = usersOf(config.socketPath(), config.pid(), all, live).stream().findFirst().orElse(null);
            ResetItem item;
            if (PluginProcessProof.ours(config.pid(), config.processStart()).isEmpty()) {
                item = new ResetItem(ResetItem.PLUGIN_PROCESS, Long.toString(config.pid()), execution.id(), null,
                        ResetItem.Ownership.NOT_PROVEN, ResetItem.Action.LEAVE,
                        PluginProcessProof.mismatch(config.pid(), config.processStart())
                                + " (reattach config of execution " + execution.id() + ")", config.processStart(), null);
            } else {
                item = processItem(mode, config.pid(), config.processStart(), Path.of(config.socketPath()), liveUser,
                        "pid " + config.pid() + " started at " + config.processStart() + ", as the reattach config of "
                                + execution.id() + " in the store records");
            }
            ResetItem known = byPid.get(config.pid());
            // a proven item wins over a refused one: another config may hold the right start time
            if (known == null || known.ownership() == ResetItem.Ownership.NOT_PROVEN) {
                byPid.put(config.pid(), item);
            }
        }
        for (Path socket : socketsInRuntimeDir()) {
            Optional<PluginWire.Info> answer = ping(socket);
            if (answer.isEmpty() || byPid.containsKey(answer.get().pid())) {
                continue;
            }
            PluginWire.Info info = answer.get();
            if (PluginProcessProof.ours(info.pid(), info.startedAt()).isEmpty()) {
                byPid.put(info.pid(), new ResetItem(ResetItem.PLUGIN_PROCESS, Long.toString(info.pid()), null, null,
                        ResetItem.Ownership.NOT_PROVEN, ResetItem.Action.LEAVE, "answered on " + socket
                                + " but " + PluginProcessProof.mismatch(info.pid(), info.startedAt()), info.startedAt(), null));
                continue;
            }
            String liveUser = usersOf(socket.toString(), info.pid(), all, live).stream().findFirst().orElse(null);
            byPid.put(info.pid(), processItem(mode, info.pid(), info.startedAt(), socket, liveUser,
                    "answered on " + socket + " in this node's runtime dir with this node's token: pid " + info.pid()
                            + " started at " + info.startedAt() + " (no reattach config was persisted)"));
        }
        return new ArrayList<>(byPid.values());
    }

    private ResetItem processItem(ResetMode mode, long pid, Instant start, Path socket, String liveUser, String proof) {
        boolean isLive = liveUser != null;
        return new ResetItem(ResetItem.PLUGIN_PROCESS, Long.toString(pid), liveUser, null,
                isLive ? ResetItem.Ownership.LIVE : ResetItem.Ownership.ORPHAN,
                isLive && mode == ResetMode.ORPHANS ? ResetItem.Action.LEAVE : ResetItem.Action.REMOVE,
                proof, start, filesOf(socket));
    }

    /** Live executions whose persisted plugin is this process. */
    static List<String> usersOf(String socketPath, long pid, Map<String, Execution> all, Set<String> live) {
        return live.stream().map(all::get)
                .filter(e -> e.reattach() != null && e.reattach().pid() == pid && e.reattach().socketPath().equals(socketPath))
                .map(Execution::id).toList();
    }

    /** Sockets no process of ours serves: leftovers of plugins that died. */
    private List<ResetItem> sockets(List<ResetItem> plugins) {
        Set<String> served = new TreeSet<>();
        plugins.forEach(item -> served.addAll(item.files()));
        List<ResetItem> items = new ArrayList<>();
        for (Path socket : socketsInRuntimeDir()) {
            if (served.contains(socket.toString()) || ping(socket).isPresent()) {
                continue;
            }
            items.add(new ResetItem(ResetItem.SOCKET, socket.toString(), null, null, ResetItem.Ownership.ORPHAN,
                    ResetItem.Action.REMOVE, "in this node's runtime dir " + dataDir.runtimeDir()
                            + " (mode 0700); no process answers on it", null, filesOf(socket)));
        }
        return items;
    }

    private List<ResetItem> workDirs(Set<String> known) {
        Path executions = dataDir.executionsDir();
        if (!Files.isDirectory(executions)) {
            return List.of();
        }
        List<ResetItem> items = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(executions)) {
            dirs.filter(Files::isDirectory).sorted().forEach(dir -> {
                String id = dir.getFileName().toString();
                if (!known.contains(id)) {
                    items.add(new ResetItem(ResetItem.WORK_DIR, dir.toString(), null, null, ResetItem.Ownership.ORPHAN,
                            ResetItem.Action.REMOVE, "under this node's " + executions
                                    + "; the store has no execution " + id, null, null));
                }
            });
        } catch (IOException e) {
            throw new HarbormasterException("Cannot list the execution work dirs in " + executions + ": " + e.getMessage(), e);
        }
        return items;
    }

    List<Path> socketsInRuntimeDir() {
        Path runtime = dataDir.runtimeDir();
        if (!Files.isDirectory(runtime)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runtime)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock")).sorted().toList();
        } catch (IOException e) {
            throw new HarbormasterException("Cannot list the plugin runtime dir " + runtime + ": " + e.getMessage(), e);
        }
    }

    /** What the plugin on {@code socket} says about itself, asked with the token beside it; empty if nobody answers. */
    static Optional<PluginWire.Info> ping(Path socket) {
        Path token = tokenOf(socket);
        if (!Files.exists(socket) || !Files.isReadable(token)) {
            return Optional.empty();
        }
        try {
            String secret = Files.readString(token, StandardCharsets.UTF_8).strip();
            return Optional.of(new PluginClient(socket, secret, PING_TIMEOUT).ping());
        } catch (IOException | PluginException silent) {
            LOG.debug("Nobody answers on {}: {}", socket, silent.getMessage());
            return Optional.empty();
        }
    }

    static Path tokenOf(Path socket) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling(name.substring(0, name.length() - ".sock".length()) + ".token");
    }

    /** The socket and token a plugin leaves in the runtime dir; its logs stay for the operator to read. */
    private static List<String> filesOf(Path socket) {
        return List.of(socket.toString(), tokenOf(socket).toString());
    }
}
