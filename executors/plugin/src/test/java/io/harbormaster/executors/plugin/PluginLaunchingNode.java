package io.harbormaster.executors.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.plugin.PluginCodec;
import io.harbormaster.core.plugin.PluginExecutor;
import java.nio.file.Path;

/**
 * Plays the node in a child JVM: launches a plugin, starts a long-running execution in it, prints the
 * reattach config as one JSON line, then waits to be killed with SIGKILL.
 */
public final class PluginLaunchingNode {

    private PluginLaunchingNode() {
    }

    public static void main(String[] args) throws Exception {
        LaunchedPlugins plugins = new LaunchedPlugins(Path.of(args[0]));
        ReattachConfig config = plugins.launch("shared");
        PluginExecutor executor = plugins.executor(config);
        executor.start(plugins.service("e-long", "sleep 60"));
        System.out.println(new PluginCodec().encode(config));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
