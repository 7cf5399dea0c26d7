package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Plugins and executors as a test sets them up: plugins by socket path, executors by engine type. */
public final class FakeTargets implements ProbeTargets {

    final Map<String, FakeExecutor> inProcess = new ConcurrentHashMap<>();
    final Map<String, FakeExecutor> plugins = new ConcurrentHashMap<>();
    final Map<String, Function<ReattachConfig, PluginReattach>> pluginChecks = new ConcurrentHashMap<>();

    final Map<String, Function<String, Observation>> answersOnCheck = new ConcurrentHashMap<>();
    final List<List<String>> checkedWithRefs = new CopyOnWriteArrayList<>();

    /** The plugin on {@code socket} says, on its check's connection, what it has of the executions it knows. */
    public FakeTargets answersOnCheck(String socket, Function<String, Observation> answer) {
        answersOnCheck.put(socket, answer);
        return this;
    }

    public FakeTargets inProcess(FakeExecutor executor) {
        inProcess.put(executor.type(), executor);
        return this;
    }

    public FakeTargets plugin(String socket, PluginReattach.Status status, String evidence, FakeExecutor executor) {
        pluginChecks.put(socket, config -> new PluginReattach(status, evidence, Optional.empty()));
        plugins.put(socket, executor);
        return this;
    }

    @Override
    public PluginReattach checkPlugin(ReattachConfig reattach) {
        return pluginChecks.getOrDefault(reattach.socketPath(), config -> new PluginReattach(
                PluginReattach.Status.DEAD, "pid " + config.pid() + " is not running", Optional.empty())).apply(reattach);
    }

    @Override
    public PluginReattach checkPlugin(ReattachConfig reattach, List<ExecutionRef> refs) {
        checkedWithRefs.add(refs.stream().map(ExecutionRef::executionId).toList());
        PluginReattach checked = checkPlugin(reattach);
        Function<String, Observation> answer = answersOnCheck.get(reattach.socketPath());
        if (answer == null || !checked.responding()) {
            return checked;
        }
        Map<String, Observation> observations = new HashMap<>();
        refs.forEach(ref -> {
            Observation observation = answer.apply(ref.executionId());
            if (observation != null) {
                observations.put(ref.executionId(), observation);
            }
        });
        return new PluginReattach(checked.status(), checked.evidence(), checked.info(), Optional.of(observations));
    }

    @Override
    public Executor pluginExecutor(Execution execution) {
        return plugins.get(execution.reattach().socketPath());
    }

    @Override
    public Optional<Executor> inProcessExecutor(String engineType) {
        return Optional.ofNullable(inProcess.get(engineType));
    }

    @Override
    public ExecutionRef ref(Execution execution) {
        return ExecutionRef.of(execution, ExecutionFiles.under(Path.of("/nonexistent"), execution.id()));
    }
}
