package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of an executor hosted in a plugin process: every SPI call goes over the socket.
 * {@link #recover} never turns a plugin it cannot reach into {@link Observation.Gone}: an
 * unreachable, hung or other-version plugin makes every ref {@link Observation.Unknown}.
 */
public final class PluginExecutor implements Executor {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PluginExecutor.class);

    private final String type;
    private final ReattachConfig reattach;
    private final PluginClient client;
    // one thread per pending await: each long-polls on its own connection
    private final ExecutorService awaits = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "plugin-await");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param type   the engine type the plugin hosts ({@code docker}, ...)
     * @param client its timeout bounds every answer; an await waits longer while heartbeats come
     */
    public PluginExecutor(String type, ReattachConfig reattach, PluginClient client) {
        this.type = Objects.requireNonNull(type, "type");
        this.reattach = Objects.requireNonNull(reattach, "reattach");
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Talks to the plugin in {@code reattach} with its persisted token, each answer due within {@code timeout}.
     *
     * @throws PluginUnreachableException if the token file cannot be read
     */
    public static PluginExecutor connect(String type, ReattachConfig reattach, Duration timeout) {
        return new PluginExecutor(type, reattach, PluginProcess.client(reattach, timeout));
    }

    public ReattachConfig reattachConfig() {
        return reattach;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ExecutorHandle start(StartRequest request) {
        return client.call(PluginOp.START, request, ExecutorHandle.class);
    }

    @Override
    public Map<String, Observation> recover(List<ExecutionRef> refs) {
        Map<String, Observation> observations = new LinkedHashMap<>();
        if (!PluginHandshake.speaks(reattach.protocolVersion())) {
            String evidence = "plugin pid " + reattach.pid() + " speaks protocol v" + reattach.protocolVersion()
                    + ", this node v" + PluginHandshake.spoken() + ": not asked";
            refs.forEach(ref -> observations.put(ref.executionId(), new Observation.Unknown(evidence)));
            return observations;
        }
        try {
            Map<String, Observation> answered = client.recover(refs).observations();
            for (ExecutionRef ref : refs) {
                Observation observation = answered.get(ref.executionId());
                observations.put(ref.executionId(), observation != null ? observation
                        : new Observation.Unknown("plugin pid " + reattach.pid() + " did not answer for this execution"));
            }
        } catch (PluginException e) {
            LOG.warn("Plugin pid {} could not say what it has: {}", reattach.pid(), e.getMessage());
            String evidence = "plugin pid " + reattach.pid() + " on " + reattach.socketPath() + ": " + e.getMessage();
            refs.forEach(ref -> observations.put(ref.executionId(), new Observation.Unknown(evidence)));
        }
        return observations;
    }

    @Override
    public CompletionStage<ExitResult> await(ExecutionRef ref) {
        return CompletableFuture.supplyAsync(() -> client.call(PluginOp.AWAIT, ref, ExitResult.class), awaits);
    }

    @Override
    public void stop(ExecutionRef ref, Duration grace) {
        client.call(PluginOp.STOP, new PluginWire.StopCall(ref, grace), PluginWire.Done.class);
    }

    @Override
    public List<OwnedResource> owned() {
        return client.call(PluginOp.OWNED, null, PluginWire.OwnedResult.class).resources();
    }

    /** What the plugin says about itself: pid, start time, executor type, versions, executions. */
    public PluginWire.Info ping() {
        return client.ping();
    }

    /**
     * Asks the plugin to exit; with {@code stopExecutions} it stops everything it runs first. The
     * answer comes before it exits, so this returns while the process may still be ending.
     */
    public void shutdown(boolean stopExecutions, Duration grace) {
        client.call(PluginOp.SHUTDOWN, new PluginWire.ShutdownCall(stopExecutions, grace), PluginWire.Done.class);
    }

    /** Detaches: pending awaits are abandoned, the plugin and its executions keep running. */
    @Override
    public void close() {
        awaits.shutdownNow();
        try {
            awaits.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
