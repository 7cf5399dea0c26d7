package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.plugin.PluginReattach;
import java.util.List;
import java.util.Optional;

/** What the prober may ask on a node: its plugins (pid, start time, ping) and its executors. */
public interface ProbeTargets {

    /** Checks the persisted plugin: pid, start time, then an authenticated ping. */
    PluginReattach checkPlugin(ReattachConfig reattach);

    /**
     * Checks the persisted plugin and, on the same connection, asks what it still has of {@code refs}: a node
     * restart then costs each plugin one connection. The observations come back in the result when the plugin
     * gave them; without them the prober asks the plugin's executor apart.
     */
    default PluginReattach checkPlugin(ReattachConfig reattach, List<ExecutionRef> refs) {
        return checkPlugin(reattach);
    }

    /** The executor served by the execution's plugin; the caller checked the plugin responds. */
    Executor pluginExecutor(Execution execution);

    /** The in-process executor of an engine type, if one is installed. */
    Optional<Executor> inProcessExecutor(String engineType);

    /** The reference an executor is asked about. */
    ExecutionRef ref(Execution execution);
}
