package io.harbormaster.executors.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node's data dir across several node processes: start, {@code kill -9}, start again. Closing it
 * kills whatever node and plugin processes it started and removes every container with the node's label.
 */
public final class CrashableNode implements AutoCloseable {

    private final Path dataDir;
    private final String host;
    private final List<NodeProcess> processes = new ArrayList<>();
    private final List<ProcessHandle> plugins = new ArrayList<>();
    private String nodeId;

    public CrashableNode(Path dataDir, String host) {
        this.dataDir = dataDir;
        this.host = host;
    }

    public NodeProcess start(List<String> nodeOptions, List<String> systemProperties) throws IOException, InterruptedException {
        NodeProcess node = NodeProcess.start(dataDir, "node-" + (processes.size() + 1), host, nodeOptions, systemProperties);
        processes.add(node);
        nodeId = node.nodeId();
        return node;
    }

    /** Starts a node without waiting for it to be ready: the caller may kill it while it recovers. */
    public NodeProcess launch(List<String> nodeOptions, List<String> systemProperties) throws IOException {
        NodeProcess node = NodeProcess.launch(dataDir, "node-" + (processes.size() + 1), host, nodeOptions, systemProperties);
        processes.add(node);
        return node;
    }

    /** Records the node id once a launched node is ready (it writes it at start). */
    public void ready(NodeProcess node) throws IOException {
        nodeId = node.nodeId();
    }

    public NodeProcess start() throws IOException, InterruptedException {
        return start(List.of(), List.of());
    }

    public String nodeId() {
        return nodeId;
    }

    /** A plugin the test will kill or that outlived a node: killed at the end if it still runs. */
    public void remember(long pluginPid) {
        // a handle keeps the start time: a reused pid is never signalled
        ProcessHandle.of(pluginPid).ifPresent(plugins::add);
    }

    /** Every container of this node, in any state. */
    public List<Container> containers(TestEngine engine) {
        return engine.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec();
    }

    /** Every container of this node for one execution, in any state. */
    public List<Container> containersOf(TestEngine engine, String executionId) {
        return engine.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId, DockerLabels.EXECUTION, executionId)).exec();
    }

    @Override
    public void close() throws IOException {
        processes.forEach(NodeProcess::close);
        for (ProcessHandle plugin : plugins) {
            if (plugin.destroyForcibly()) {
                plugin.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            }
        }
        if (nodeId == null) {
            return;
        }
        try (TestEngine engine = new TestEngine()) {
            for (Container container : containers(engine)) {
                try {
                    engine.docker.removeContainerCmd(container.getId()).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // removed by the node meanwhile
                }
            }
        }
    }
}
