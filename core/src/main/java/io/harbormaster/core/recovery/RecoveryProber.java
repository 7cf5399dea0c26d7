package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks what is left of many executions at once: every plugin is checked once, all in parallel, and asked on the
 * same connection what it still has of its executions; then every executor that must still answer (in-process
 * ones, and a plugin that could not say) gets one {@code recover(refs)} for all its executions, all in parallel. Each call is
 * bounded by the timeout: a dead or slow engine or plugin makes its executions {@code unknown} with the
 * evidence, and never holds the plan longer than that.
 */
public final class RecoveryProber {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryProber.class);

    private final ProbeTargets targets;
    private final Duration timeout;

    public RecoveryProber(ProbeTargets targets, Duration timeout) {
        this.targets = targets;
        this.timeout = timeout;
    }

    public Map<String, ProbeResult> probe(List<Execution> executions) {
        ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "recovery-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return probe(executions, pool);
        } finally {
            // a call still hanging past its timeout is abandoned, not waited for
            pool.shutdownNow();
        }
    }

    private Map<String, ProbeResult> probe(List<Execution> executions, ExecutorService pool) {
        Map<String, ProbeResult> results = new HashMap<>();
        Map<String, PluginReattach> plugins = checkPlugins(executions, pool);
        // one batch per executor: the responding plugins, and the in-process executor of each engine type
        Map<Executor, List<Execution>> batches = new IdentityHashMap<>();
        Map<Executor, String> batchNames = new IdentityHashMap<>();
        Map<String, PluginReattach> pluginOf = new HashMap<>();
        for (Execution execution : executions) {
            PluginReattach plugin = execution.reattach() == null ? null
                    : plugins.get(execution.reattach().socketPath());
            if (plugin != null) {
                pluginOf.put(execution.id(), plugin);
            }
            Observation answered = plugin == null ? null
                    : plugin.observations().map(o -> o.get(execution.id())).orElse(null);
            if (answered != null) {
                results.put(execution.id(), result(plugin, answered));
                continue;
            }
            if (plugin != null && plugin.status() == PluginReattach.Status.NOT_RESPONDING) {
                results.put(execution.id(), result(plugin, new Observation.Unknown(
                        "not asked: its plugin is ours but does not answer (" + plugin.evidence() + ")")));
                continue;
            }
            Executor executor;
            String name;
            if (plugin != null && plugin.responding()) {
                executor = targets.pluginExecutor(execution);
                name = "plugin pid " + execution.reattach().pid();
            } else {
                executor = targets.inProcessExecutor(execution.engineType()).orElse(null);
                name = "the " + execution.engineType() + " executor in the node";
            }
            if (executor == null) {
                results.put(execution.id(), result(plugin, new Observation.Unknown("no executor for engine type '"
                        + execution.engineType() + "' is installed")));
                continue;
            }
            batches.computeIfAbsent(executor, e -> new ArrayList<>()).add(execution);
            batchNames.putIfAbsent(executor, name);
        }
        Map<Executor, Future<Map<String, Observation>>> asked = new IdentityHashMap<>();
        batches.forEach((executor, batch) -> {
            List<ExecutionRef> refs = batch.stream().map(targets::ref).toList();
            asked.put(executor, pool.submit(() -> executor.recover(refs)));
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        batches.forEach((executor, batch) -> {
            Map<String, Observation> answers = await(asked.get(executor), deadline, batchNames.get(executor), batch);
            for (Execution execution : batch) {
                Observation answer = answers.getOrDefault(execution.id(),
                        new Observation.Unknown(batchNames.get(executor) + " gave no answer for it"));
                results.put(execution.id(), result(pluginOf.get(execution.id()), answer));
            }
        });
        Map<String, ProbeResult> ordered = new LinkedHashMap<>();
        executions.forEach(e -> ordered.put(e.id(), results.get(e.id())));
        return ordered;
    }

    /** Every distinct plugin once, all at the same time. */
    private Map<String, PluginReattach> checkPlugins(List<Execution> executions, ExecutorService pool) {
        Map<String, List<Execution>> bySocket = new LinkedHashMap<>();
        for (Execution execution : executions) {
            if (execution.reattach() != null) {
                bySocket.computeIfAbsent(execution.reattach().socketPath(), socket -> new ArrayList<>()).add(execution);
            }
        }
        Map<String, Future<PluginReattach>> checks = new LinkedHashMap<>();
        bySocket.forEach((socket, hosted) -> {
            List<ExecutionRef> refs = hosted.stream().map(targets::ref).toList();
            checks.put(socket, pool.submit(() -> targets.checkPlugin(hosted.get(0).reattach(), refs)));
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, PluginReattach> checked = new HashMap<>();
        checks.forEach((socket, check) -> {
            try {
                checked.put(socket, check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException slow) {
                check.cancel(true);
                // its pid and start time were not even confirmed: treat it as not answering, never as gone
                checked.put(socket, new PluginReattach(PluginReattach.Status.NOT_RESPONDING, "plugin at " + socket
                        + " gave no answer within " + timeout.toMillis() + " ms", java.util.Optional.empty()));
            } catch (ExecutionException failed) {
                checked.put(socket, new PluginReattach(PluginReattach.Status.NOT_RESPONDING, "checking the plugin at "
                        + socket + " failed: " + failed.getCause(), java.util.Optional.empty()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing plugins", interrupted);
            }
        });
        return checked;
    }

    private Map<String, Observation> await(Future<Map<String, Observation>> answer, long deadline, String who,
                                           List<Execution> batch) {
        try {
            Map<String, Observation> answers = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return answers == null ? Map.of() : answers;
        } catch (TimeoutException slow) {
            answer.cancel(true);
            LOG.warn("{} did not say within {} ms what it has of {} executions", who, timeout.toMillis(), batch.size());
            return unknown(batch, who + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException failed) {
            LOG.warn("{} could not say what it has: {}", who, failed.getCause().toString());
            return unknown(batch, who + " could not answer: " + failed.getCause().getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return unknown(batch, "probing was interrupted");
        }
    }

    private static Map<String, Observation> unknown(List<Execution> batch, String evidence) {
        Map<String, Observation> unknown = new HashMap<>();
        batch.forEach(e -> unknown.put(e.id(), new Observation.Unknown(evidence)));
        return unknown;
    }

    private static ProbeResult result(PluginReattach plugin, Observation observation) {
        return plugin == null ? ProbeResult.inProcess(observation)
                : new ProbeResult(plugin.status(), plugin.evidence(), observation);
    }
}
