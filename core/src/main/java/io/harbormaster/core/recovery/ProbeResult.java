package io.harbormaster.core.recovery;

import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginReattach;

/**
 * What probing found for one execution: how its plugin answered (null status when it had no reattach
 * details) and what the executor that was asked still has for it.
 */
public record ProbeResult(PluginReattach.Status pluginStatus, String pluginEvidence, Observation observation) {

    public static ProbeResult inProcess(Observation observation) {
        return new ProbeResult(null, null, observation);
    }
}
