package io.harbormaster.core.cli;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.store.MapDbExecutionStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.nio.file.Path;

/** {@code harbormaster node}: runs the node headless until it is shut down or receives SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run the compute node headless (for servers).",
                "SIGTERM detaches: executions keep running and the next start finds them again.",
                "Use 'harbormaster shutdown --stop-executions' to stop everything."})
public final class NodeCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--allow-listed-local-paths", paramLabel = "PATH[:ro|:rw],...", split = ",",
            description = "Local paths jobs may mount, globs allowed (overrides config.yaml).")
    List<String> allowListedLocalPaths;

    @Option(names = "--approve", paramLabel = "auto|safe|ask",
            description = "Recovery approval policy after a restart (overrides config.yaml).")
    String approve;

    @Option(names = "--recovery-policy", paramLabel = "extended|seed",
            description = "Recovery planner policy (overrides config.yaml).")
    String recoveryPolicy;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker engine (overrides config.yaml and DOCKER_HOST).")
    String dockerHost;

    @Option(names = "--api-port", paramLabel = "PORT", description = "Loopback API port; 0 picks a free one.")
    Integer apiPort;

    @Option(names = "--restore-checkpoint",
            description = "Before starting, put the store's last-good checkpoint in place of its file (the file is kept aside).")
    boolean restoreCheckpoint;

    @Override
    public Integer call() throws InterruptedException {
        if (restoreCheckpoint) {
            Path storeDir = dataDir.dataDirectory().storeDir();
            String replaced = MapDbExecutionStore.restoreCheckpoint(storeDir)
                    .map(aside -> "; the file it replaced was kept at " + aside).orElse("");
            System.out.println("Restored the last-good checkpoint of " + storeDir + replaced);
        }
        NodeOptions.Builder options = NodeOptions.builder(dataDir.dataDirectory().root());
        if (allowListedLocalPaths != null) {
            options.allowListedLocalPaths(allowListedLocalPaths);
        }
        if (approve != null) {
            options.approval(approve);
        }
        if (recoveryPolicy != null) {
            options.recoveryPolicy(recoveryPolicy);
        }
        if (dockerHost != null) {
            options.dockerHost(dockerHost);
        }
        if (apiPort != null) {
            options.apiPort(apiPort);
        }
        ComputeNode node = ComputeNode.start(options.build());
        // SIGTERM and Ctrl-C detach, so a restart of the node never stops the work it drives
        Thread hook = new Thread(() -> node.shutdown(false), "node-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Node " + node.nodeId() + " running on " + node.info().dataDir() + " (pid "
                + ProcessHandle.current().pid() + ")");
        node.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is what ended the node; nothing to remove
        }
        return 0;
    }
}
