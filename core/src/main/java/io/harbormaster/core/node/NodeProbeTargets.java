package io.harbormaster.core.node;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.recovery.ProbeTargets;
import java.util.List;
import java.util.Optional;

/** The node's plugins and executors, as the recovery prober asks them. */
final class NodeProbeTargets implements ProbeTargets {

    private final ComputeNode node;

    NodeProbeTargets(ComputeNode node) {
        this.node = node;
    }

    @Override
    public PluginReattach checkPlugin(ReattachConfig reattach) {
        return node.hosting().probe(reattach, List.of());
    }

    @Override
    public PluginReattach checkPlugin(ReattachConfig reattach, List<ExecutionRef> refs) {
        return node.hosting().probe(reattach, refs);
    }

    @Override
    public Executor pluginExecutor(Execution execution) {
        return node.hosting().executorFor(execution).orElseThrow();
    }

    @Override
    public Optional<Executor> inProcessExecutor(String engineType) {
        return node.executors().forType(engineType);
    }

    @Override
    public ExecutionRef ref(Execution execution) {
        return ExecutionRef.of(execution, node.driver().filesOf(execution.id()));
    }
}
