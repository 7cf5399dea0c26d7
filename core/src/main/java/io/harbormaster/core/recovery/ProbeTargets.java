package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.plugin.PluginReattach;
import java.util.Optional;

/** What the prober may ask on a node: its plugins (pid, start time, ping) and its executors. */
public interface ProbeTargets {

    /** Checks the persisted plugin: pid, start time, then an authenticated ping. */
    PluginReattach checkPlugin(ReattachConfig reattach);

    /** The executor served by the execution's plugin; the caller checked the plugin responds. */
    Executor pluginExecutor(Execution execution);

    /** The in-process executor of an engine type, if one is installed. */
    Optional<Executor> inProcessExecutor(String engineType);

    /** The reference an executor is asked about. */
    ExecutionRef ref(Execution execution);
}
