package io.harbormaster.app.desktop.status;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.plugin.PluginExecutor;
import java.util.List;
import java.util.Optional;

/**
 * One look at what the node depends on: is the Docker engine answering (and if not, why), and how
 * many plugin processes answer a ping. Each call may wait on a socket, so it runs in the background.
 */
public record EngineHealth(String docker, boolean dockerReachable, int pluginsAlive, int pluginsKnown) {

    public static EngineHealth probe(ComputeNode node) {
        Optional<Executor> docker = node.executors().forType("docker");
        String dockerText;
        boolean reachable = false;
        if (docker.isEmpty()) {
            dockerText = "Docker: not installed";
        } else {
            try {
                docker.get().owned();
                dockerText = "Docker: reachable";
                reachable = true;
            } catch (HarbormasterException unreachable) {
                dockerText = "Docker: unreachable — " + unreachable.userMessage();
            } catch (RuntimeException unexpected) {
                dockerText = "Docker: unreachable — " + unexpected.getMessage();
            }
        }
        List<PluginExecutor> plugins = node.hosting().plugins();
        int alive = 0;
        for (PluginExecutor plugin : plugins) {
            try {
                plugin.ping();
                alive++;
            } catch (HarbormasterException silent) {
                // counted as not alive; recovery deals with it at the next start
            }
        }
        return new EngineHealth(dockerText, reachable, alive, plugins.size());
    }

    public String pluginsText() {
        return pluginsKnown == 0 ? "Plugins: none running" : "Plugins: " + pluginsAlive + " of " + pluginsKnown + " alive";
    }
}
