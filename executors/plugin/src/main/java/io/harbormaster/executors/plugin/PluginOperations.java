package io.harbormaster.executors.plugin;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginWire;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plugin does for each operation, on the executor it hosts. It remembers the executions it
 * started or found running, so {@code ping} can say how busy it is and a reset can stop them all.
 */
final class PluginOperations {

    private static final Logger LOG = LoggerFactory.getLogger(PluginOperations.class);

    private final Executor executor;
    private final String name;
    private final Instant startedAt = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
    private final Map<String, ExecutionRef> executions = new ConcurrentHashMap<>();

    PluginOperations(Executor executor, String name) {
        this.executor = executor;
        this.name = name;
    }

    PluginWire.Info info() {
        return new PluginWire.Info(ProcessHandle.current().pid(), startedAt, name, executor.type(),
                PluginHandshake.CORE_PROTOCOL_VERSION, PluginHandshake.APP_PROTOCOL_VERSION, executions.size());
    }

    int executionCount() {
        return executions.size();
    }

    ExecutorHandle start(StartRequest request) throws IOException {
        // the node names the files; the dir may not exist yet when the node died right after STARTING
        Files.createDirectories(request.files().dir());
        ExecutorHandle handle = executor.start(request);
        executions.put(request.executionId(), new ExecutionRef(request.executionId(), handle, null, request.files()));
        LOG.info("Started execution {} (attempt {})", request.executionId(), request.attempt());
        return handle;
    }

    PluginWire.RecoverResult recover(PluginWire.RecoverCall call) {
        List<ExecutionRef> refs = call.expandedRefs();
        Map<String, Observation> observations = executor.recover(refs);
        for (ExecutionRef ref : refs) {
            if (observations.get(ref.executionId()) instanceof Observation.Running) {
                executions.putIfAbsent(ref.executionId(), ref);
            } else if (observations.get(ref.executionId()) instanceof Observation.Exited
                    || observations.get(ref.executionId()) instanceof Observation.Gone
                    || observations.get(ref.executionId()) instanceof Observation.NotStarted) {
                // nothing of it runs here: a resumed start registers it again
                executions.remove(ref.executionId());
            }
        }
        return new PluginWire.RecoverResult(observations);
    }

    CompletableFuture<ExitResult> await(ExecutionRef ref) {
        return executor.await(ref).toCompletableFuture()
                .whenComplete((exit, failure) -> {
                    if (failure == null) {
                        executions.remove(ref.executionId());
                    }
                });
    }

    void stop(PluginWire.StopCall call) {
        executor.stop(call.ref(), call.grace());
        LOG.info("Stopped execution {}", call.ref().executionId());
    }

    PluginWire.OwnedResult owned() {
        return new PluginWire.OwnedResult(executor.owned());
    }

    /** Before exiting: stop every execution we know of (a reset), or leave them running (a detach). */
    void finish(boolean stopExecutions, Duration grace) {
        if (stopExecutions) {
            List<ExecutionRef> all = List.copyOf(executions.values());
            all.forEach(ref -> executor.stop(ref, grace));
            LOG.info("Stopped {} executions before exiting", all.size());
        }
        executor.close();
    }
}
