package io.harbormaster.core.execution;

import java.time.Instant;
import java.util.Objects;

/**
 * What the node persists to find an external plugin process again after it died.
 * A live {@code pid} whose start time differs from {@code processStart} is PID reuse: never
 * reattach to it and never signal it.
 */
public record ReattachConfig(
        String protocol,
        int protocolVersion,
        String socketPath,
        long pid,
        Instant processStart,
        String tokenRef) {

    public ReattachConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(processStart, "processStart");
    }
}
