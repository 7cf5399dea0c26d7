package io.harbormaster.core.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Who this node is and what it can run. */
public record NodeInfo(String nodeId, String version, long pid, Path dataDir, Instant startedAt,
                       List<String> executorTypes) {

    public NodeInfo {
        executorTypes = List.copyOf(executorTypes);
    }
}
