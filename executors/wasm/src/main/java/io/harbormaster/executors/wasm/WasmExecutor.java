package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExitRecord;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.json.IsoInstants;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.WasmEngineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs WebAssembly (WASI preview1) modules in this JVM on Chicory, one thread per execution.
 *
 * <p>All state is per instance, so the same class can serve a node in-process or inside a plugin
 * process. An in-process execution cannot outlive its JVM: {@link #close()} interrupts what still
 * runs, and after a restart only the exit record tells what happened.
 */
public final class WasmExecutor implements Executor {

    public static final String TYPE = EngineSpec.WASM;
    public static final String OWNED_KIND = "wasm-thread";
    static final String STOPPED_BEYOND_GRACE = "stopped; the module did not stop within the grace period and its "
            + "thread was abandoned";

    private static final Logger LOG = LoggerFactory.getLogger(WasmExecutor.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ModuleCache modules;
    private final MemoryBudget memory;
    private final Map<String, WasmExecution> executions = new ConcurrentHashMap<>();
    private final Map<String, Object> startLocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An executor that compiles each module for itself, with no cache on disk. */
    public WasmExecutor(WasmSettings settings) {
        this(settings, new ModuleCache(settings.machine()));
    }

    /** An executor that shares compiled modules through the cache in the node's {@code dataDir}. */
    public WasmExecutor(WasmSettings settings, Path dataDir) {
        this(settings, new ModuleCache(settings.machine(), dataDir));
    }

    WasmExecutor(WasmSettings settings, ModuleCache modules) {
        this.modules = modules;
        this.memory = new MemoryBudget(settings.maxMemoryPages());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ExecutorHandle start(StartRequest request) {
        String id = request.executionId();
        Object lock = startLocks.computeIfAbsent(id, k -> new Object());
        try {
            synchronized (lock) {
                WasmExecution running = executions.get(id);
                if (running != null) {
                    return running.handle();
                }
                if (exitRecord(request.files()).isPresent()) {
                    return exitedHandle(id, request.files());
                }
                return launch(request);
            }
        } finally {
            startLocks.remove(id, lock);
        }
    }

    private ExecutorHandle launch(StartRequest request) {
        if (closed) {
            throw new ExecutorException("the wasm executor is closed", true);
        }
        WasmEngineSpec params = request.spec().task().engine().wasm();
        if (params == null) {
            throw new ExecutorException("job " + request.jobId() + " is not a wasm job", false);
        }
        if (!params.importModules().isEmpty()) {
            throw new ExecutorException("ImportModules are not supported by the wasm executor yet; link them into "
                    + "the entry module", false);
        }
        Path file = EntryModuleLocator.locate(params.entryModule());
        LoadedModule loaded = modules.load(file);
        requireExport(loaded, params.entryPoint());
        Optional<MemoryLimits> limits = memory.limitsFor(loaded.module(), file.getFileName().toString());
        ExecutionFiles files = request.files();
        try {
            Files.createDirectories(files.dir());
        } catch (IOException e) {
            throw new ExecutorException("cannot create " + files.dir() + ": " + e.getMessage(), true, e);
        }
        String threadName = "wasm-" + request.executionId();
        ExecutorHandle handle = ExecutorHandle.of(TYPE, Map.of(
                "executionId", request.executionId(),
                "machine", loaded.kind().attributeValue(),
                "module", file.toString(),
                "thread", threadName));
        WasmExecution execution = new WasmExecution(request.executionId(), handle, files.exit());
        WasmRun run = new WasmRun(execution, loaded, limits, request.spec().task(), files, () -> closed);
        Thread thread = new Thread(() -> {
            try {
                run.run();
            } finally {
                executions.remove(request.executionId(), execution);
                execution.publish();
            }
        }, threadName);
        thread.setDaemon(true); // in-process work ends with the node; it must not keep the JVM alive
        thread.setUncaughtExceptionHandler((t, failure) -> LOG.error("Execution {} failed outside the module: {}",
                request.executionId(), failure.toString(), failure));
        executions.put(request.executionId(), execution);
        LOG.info("Execution {} starts {} entry {} on the {} machine", request.executionId(), file.getFileName(),
                params.entryPoint(), loaded.kind().attributeValue());
        execution.runOn(thread);
        return handle;
    }

    /**
     * Compiles the job's module into the node's compiled-module cache, so the plugin about to run it loads the
     * classes instead of loading the compiler and ASM itself (issue 3: an idle plugin's memory).
     */
    @Override
    public void prepare(JobSpec spec) {
        WasmEngineSpec params = spec.task().engine().wasm();
        if (params == null) {
            return;
        }
        Path file;
        try {
            file = EntryModuleLocator.locate(params.entryModule());
        } catch (ExecutorException unlocatable) {
            LOG.debug("Nothing compiled ahead for job {}: {}", spec.name(), unlocatable.getMessage());
            return;
        }
        modules.precompile(file);
    }

    @Override
    public Map<String, Observation> recover(List<ExecutionRef> refs) {
        Map<String, Observation> observations = new LinkedHashMap<>();
        for (ExecutionRef ref : refs) {
            observations.put(ref.executionId(), observe(ref));
        }
        return observations;
    }

    private Observation observe(ExecutionRef ref) {
        Optional<ExitResult> exit;
        try {
            exit = exitRecord(ref.files());
        } catch (ExecutorException unreadable) {
            return new Observation.Unknown(unreadable.getMessage());
        }
        if (exit.isPresent()) {
            ExitResult result = exit.get();
            // a StringBuilder, not +: a concatenation of this many parts spins a dozen method-handle classes on its
            // first run, and a plugin runs this once per reattach, cold
            StringBuilder evidence = new StringBuilder(96).append("exit record ").append(ref.files().exit().getFileName())
                    .append(" says code ").append(result.exitCode()).append(" at ")
                    .append(IsoInstants.format(result.finishedAt()));
            if (result.detail() != null) {
                evidence.append(" (").append(result.detail()).append(')');
            }
            return new Observation.Exited(result.exitCode(), result.finishedAt(), evidence.toString());
        }
        WasmExecution running = executions.get(ref.executionId());
        if (running != null) {
            return new Observation.Running("thread " + running.handle().attribute("thread") + " alive in this node, "
                    + running.handle().attribute("machine") + " machine");
        }
        return new Observation.Gone("no exit record; in-process wasm executions end with the node");
    }

    @Override
    public CompletionStage<ExitResult> await(ExecutionRef ref) {
        WasmExecution running = executions.get(ref.executionId());
        if (running != null) {
            return running.exit().copy();
        }
        try {
            return exitRecord(ref.files()).map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.failedFuture(new ExecutorException("wasm execution "
                            + ref.executionId() + " is not running here and left no exit record", false)));
        } catch (ExecutorException unreadable) {
            return CompletableFuture.failedFuture(unreadable);
        }
    }

    @Override
    public void stop(ExecutionRef ref, Duration grace) {
        WasmExecution running = executions.get(ref.executionId());
        if (running == null || running.hasEnded()) {
            return;
        }
        LOG.info("Stopping execution {} (grace {} ms)", ref.executionId(), grace.toMillis());
        running.requestStop();
        try {
            running.exit().get(Math.max(grace.toMillis(), 1), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            if (running.finish(new ExitResult(WasmRun.STOPPED_EXIT_CODE, Instant.now(), STOPPED_BEYOND_GRACE))) {
                running.publish();
                LOG.warn("Execution {} ignored its stop for {} ms; recorded it stopped and abandoned its thread",
                        ref.executionId(), grace.toMillis());
            }
        } catch (ExecutionException abandoned) {
            LOG.debug("Execution {} ended without an exit while stopping: {}", ref.executionId(), abandoned.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<OwnedResource> owned() {
        List<OwnedResource> owned = new ArrayList<>();
        executions.forEach((id, execution) -> {
            Thread thread = execution.thread();
            if (thread != null && thread.isAlive()) {
                owned.add(new OwnedResource(OWNED_KIND, thread.getName(), id, "thread started by this executor"));
            }
        });
        return owned;
    }

    /**
     * Interrupts every running execution and forgets compiled modules. In-process executions cannot be
     * detached: they end here without an exit record, so recovery finds them gone.
     */
    @Override
    public void close() {
        closed = true;
        List<WasmExecution> running = new ArrayList<>(executions.values());
        running.forEach(WasmExecution::interrupt);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (WasmExecution execution : running) {
            Thread thread = execution.thread();
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (thread != null && left > 0) {
                    thread.join(left);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (WasmExecution execution : running) {
            execution.abandon("the node closed while the wasm execution ran");
            execution.publish();
        }
        modules.clear();
    }

    /** How many compiled or parsed modules this executor holds. */
    int cachedModules() {
        return modules.size();
    }

    private static void requireExport(LoadedModule loaded, String entryPoint) {
        ExportSection exports = loaded.module().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals(entryPoint)
                    && exports.getExport(i).exportType() == ExternalType.FUNCTION) {
                return;
            }
        }
        throw new ExecutorException("module " + loaded.file().getFileName() + " exports no function named "
                + entryPoint, false);
    }

    private static Optional<ExitResult> exitRecord(ExecutionFiles files) {
        try {
            return ExitRecord.read(files.exit());
        } catch (IOException e) {
            throw new ExecutorException("cannot read exit record " + files.exit() + ": " + e.getMessage(), true, e);
        }
    }

    private static ExecutorHandle exitedHandle(String executionId, ExecutionFiles files) {
        return ExecutorHandle.of(TYPE, Map.of("executionId", executionId, "exitRecord", files.exit().toString()));
    }
}
