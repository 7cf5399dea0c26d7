package io.harbormaster.core.api;

import java.time.Duration;

/**
 * How the loopback API runs.
 *
 * @param port         0 for an ephemeral port
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param threads      request threads; the server never runs more
 * @param maxStreams   concurrent log-follow and event streams, fewer than {@code threads} so plain
 *                     requests always find a thread
 * @param heartbeat    how often an idle event stream sends a comment, so dead clients are noticed
 * @param logPoll      how often a followed log looks for new output
 */
public record ApiServerConfig(int port, long maxBodyBytes, int threads, int maxStreams, Duration heartbeat,
                              Duration logPoll) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ApiServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxStreams < 1 || maxStreams >= threads) {
            throw new IllegalArgumentException("maxStreams must be between 1 and threads - 1");
        }
    }

    public static ApiServerConfig defaults() {
        return new ApiServerConfig(0, DEFAULT_MAX_BODY_BYTES, 16, 12, Duration.ofSeconds(15), Duration.ofMillis(200));
    }

    public ApiServerConfig withPort(int newPort) {
        return new ApiServerConfig(newPort, maxBodyBytes, threads, maxStreams, heartbeat, logPoll);
    }

    public ApiServerConfig withMaxBodyBytes(long newMax) {
        return new ApiServerConfig(port, newMax, threads, maxStreams, heartbeat, logPoll);
    }

    public ApiServerConfig withThreads(int newThreads, int newMaxStreams) {
        return new ApiServerConfig(port, maxBodyBytes, newThreads, newMaxStreams, heartbeat, logPoll);
    }

    public ApiServerConfig withHeartbeat(Duration newHeartbeat) {
        return new ApiServerConfig(port, maxBodyBytes, threads, maxStreams, newHeartbeat, logPoll);
    }

    public ApiServerConfig withLogPoll(Duration newPoll) {
        return new ApiServerConfig(port, maxBodyBytes, threads, maxStreams, heartbeat, newPoll);
    }
}
