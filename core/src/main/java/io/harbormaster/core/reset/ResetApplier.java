package io.harbormaster.core.reset;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.Removal;
import io.harbormaster.core.plugin.PluginWire;
import io.harbormaster.core.store.ExecutionStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan item by item: executions are stopped first, then what they used is removed. Each item
 * is checked again just before anything is done to it, because the plan may be minutes old: a container
 * must still carry our node label, a pid must still have the recorded start time, and an orphan must not
 * have become live since. Applying a plan twice is harmless: what is gone is reported gone.
 */
final class ResetApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ResetApplier.class);
    private static final List<String> ORDER = List.of(ResetItem.EXECUTION, ResetItem.CONTAINER,
            ResetItem.PLUGIN_PROCESS, ResetItem.SOCKET, ResetItem.WORK_DIR);

    /** Stops a live execution and records it CANCELLED with the reason; the node's own cancel. */
    interface ExecutionStopper {
        Execution stop(Execution execution, String reason);
    }

    private final ExecutionStore store;
    private final Map<String, Executor> executors;
    private final ExecutionStopper stopper;
    private final Duration grace;

    ResetApplier(ExecutionStore store, Map<String, Executor> executors, ExecutionStopper stopper, Duration grace) {
        this.store = store;
        this.executors = executors;
        this.stopper = stopper;
        this.grace = grace;
    }

    List<ResetOutcome> apply(ResetPlan plan, Consumer<ResetOutcome> progress) {
        List<ResetItem> items = new ArrayList<>(plan.items());
        items.sort(Comparator.comparingInt(item -> ORDER.contains(item.kind()) ? ORDER.indexOf(item.kind()) : 1));
        List<ResetOutcome> outcomes = new ArrayList<>();
        for (ResetItem item : items) {
            ResetOutcome outcome;
            try {
                outcome = applyOne(plan, item);
            } catch (HarbormasterException failed) {
                LOG.warn("Reset {}: {} {} failed: {}", plan.id(), item.kind(), item.id(), failed.getMessage());
                outcome = ResetOutcome.of(item, ResetOutcome.Result.FAILED, failed.userMessage());
            }
            outcomes.add(outcome);
            progress.accept(outcome);
        }
        return outcomes;
    }

    private ResetOutcome applyOne(ResetPlan plan, ResetItem item) {
        if (item.action() == ResetItem.Action.LEAVE) {
            return ResetOutcome.of(item, ResetOutcome.Result.LEFT, item.ownership() == ResetItem.Ownership.NOT_PROVEN
                    ? "not provably ours: " + item.proof() : "in use by live execution " + item.executionId());
        }
        if (item.action() == ResetItem.Action.STOP) {
            return stopExecution(plan, item);
        }
        Optional<String> nowLive = liveUser(item).filter(user -> !stoppedByPlan(plan, user));
        if (nowLive.isPresent()) {
            // accepted or re-run after the plan was shown: the operator never saw it in this plan
            return ResetOutcome.of(item, ResetOutcome.Result.REFUSED, "execution " + nowLive.get()
                    + " uses it now and this plan does not stop it: left alone");
        }
        return switch (item.kind()) {
            case ResetItem.PLUGIN_PROCESS -> stopPlugin(item);
            case ResetItem.SOCKET -> removeSocket(item);
            case ResetItem.WORK_DIR -> removeWorkDir(item);
            default -> removeThroughExecutor(item);
        };
    }

    private static boolean stoppedByPlan(ResetPlan plan, String executionId) {
        return plan.items().stream().anyMatch(i -> i.action() == ResetItem.Action.STOP && i.id().equals(executionId));
    }

    /** An orphan may have become live since the plan: its execution re-run, or a plugin taken for new work. */
    private Optional<String> liveUser(ResetItem item) {
        if (item.kind().equals(ResetItem.PLUGIN_PROCESS)) {
            return store.inStates(ResetInventory.LIVE).stream()
                    .filter(e -> e.reattach() != null && Long.toString(e.reattach().pid()).equals(item.id()))
                    .map(Execution::id).findFirst();
        }
        if (item.kind().equals(ResetItem.WORK_DIR)) {
            String id = Path.of(item.id()).getFileName().toString();
            return store.get(id).map(Execution::id);
        }
        if (item.executionId() == null) {
            return Optional.empty();
        }
        return store.get(item.executionId()).filter(e -> ResetInventory.LIVE.contains(e.state())).map(Execution::id);
    }

    private ResetOutcome stopExecution(ResetPlan plan, ResetItem item) {
        Optional<Execution> current = store.get(item.id());
        if (current.isEmpty() || current.get().state().isTerminal()) {
            return ResetOutcome.of(item, ResetOutcome.Result.ALREADY_GONE,
                    current.map(e -> "already ended " + e.state()).orElse("no longer in the store"));
        }
        Execution stopped = stopper.stop(current.get(), "stopped by environment reset " + plan.id() + " (full)");
        return ResetOutcome.of(item, ResetOutcome.Result.STOPPED, "was " + current.get().state() + ", now "
                + stopped.state() + ": " + stopped.reason());
    }

    private ResetOutcome removeThroughExecutor(ResetItem item) {
        Executor executor = item.engineType() == null ? null : executors.get(item.engineType());
        if (executor == null) {
            return ResetOutcome.of(item, ResetOutcome.Result.FAILED, "no " + item.engineType()
                    + " executor is installed to check and remove it");
        }
        OwnedResource resource = new OwnedResource(item.kind(), item.id(), item.executionId(), item.proof());
        if (!ResetItem.CONTAINER.equals(item.kind())
                && executor.owned().stream().noneMatch(r -> r.kind().equals(item.kind()) && r.id().equals(item.id()))) {
            return ResetOutcome.of(item, ResetOutcome.Result.ALREADY_GONE, "the " + executor.type()
                    + " executor no longer lists it (it ended with its execution)");
        }
        Removal removal = executor.remove(resource);
        ResetOutcome.Result result = switch (removal.result()) {
            case REMOVED -> ResetOutcome.Result.REMOVED;
            case ALREADY_GONE -> ResetOutcome.Result.ALREADY_GONE;
            case NOT_OURS -> ResetOutcome.Result.REFUSED;
        };
        return ResetOutcome.of(item, result, removal.detail());
    }

    /** SIGTERM, then SIGKILL after the grace, and only while pid and start time still match. */
    private ResetOutcome stopPlugin(ResetItem item) {
        long pid = Long.parseLong(item.id());
        if (!PluginProcessProof.alive(pid)) {
            deleteFiles(item);
            return ResetOutcome.of(item, ResetOutcome.Result.ALREADY_GONE, "pid " + pid + " is not running");
        }
        Optional<ProcessHandle> ours = PluginProcessProof.ours(pid, item.processStart());
        if (ours.isEmpty()) {
            return ResetOutcome.of(item, ResetOutcome.Result.REFUSED, PluginProcessProof.mismatch(pid, item.processStart())
                    + ": not signalled");
        }
        ProcessHandle plugin = ours.get();
        plugin.destroy();
        boolean ended = waitFor(plugin, grace);
        String how = "start time " + item.processStart() + " re-checked; pid " + pid;
        if (ended) {
            how += " ended on SIGTERM";
        } else {
            plugin.destroyForcibly();
            if (!waitFor(plugin, Duration.ofSeconds(10))) {
                return ResetOutcome.of(item, ResetOutcome.Result.FAILED, how + " survived SIGTERM and SIGKILL");
            }
            how += " ignored SIGTERM for " + grace.toMillis() + " ms: killed";
        }
        deleteFiles(item);
        return ResetOutcome.of(item, ResetOutcome.Result.REMOVED, how);
    }

    private ResetOutcome removeSocket(ResetItem item) {
        Path socket = Path.of(item.id());
        if (!Files.exists(socket)) {
            deleteFiles(item);
            return ResetOutcome.of(item, ResetOutcome.Result.ALREADY_GONE, "no such socket any more");
        }
        Optional<PluginWire.Info> answer = ResetInventory.ping(socket);
        if (answer.isPresent()) {
            return ResetOutcome.of(item, ResetOutcome.Result.REFUSED, "pid " + answer.get().pid()
                    + " answers on it now: left alone");
        }
        deleteFiles(item);
        return ResetOutcome.of(item, ResetOutcome.Result.REMOVED, "nobody answers on it; removed with its token");
    }

    private ResetOutcome removeWorkDir(ResetItem item) {
        Path dir = Path.of(item.id());
        if (!Files.isDirectory(dir)) {
            return ResetOutcome.of(item, ResetOutcome.Result.ALREADY_GONE, "no such directory any more");
        }
        deleteTree(dir);
        return ResetOutcome.of(item, ResetOutcome.Result.REMOVED, "the store still has no such execution; removed");
    }

    private static void deleteFiles(ResetItem item) {
        for (String file : item.files()) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                throw new HarbormasterException("Cannot remove " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                    Files.deleteIfExists(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException raced) {
            LOG.debug("{} went away while being removed", raced.getFile());
        } catch (IOException e) {
            throw new HarbormasterException("Cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillAlive) {
            return false;
        } catch (java.util.concurrent.ExecutionException unexpected) {
            return !process.isAlive();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
