package io.harbormaster.executors.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two clients of one engine: {@code calls} for short requests (a response timeout, so a hung
 * engine cannot hang the node) and {@code streams} for logs, pulls and stops, which may rightly
 * stay silent for long. No API version is pinned: requests go unversioned and the engine answers
 * in its own version, which is how the Docker CLI negotiates too.
 */
final class DockerConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerConnection.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final DockerClient calls;
    private final DockerClient streams;

    DockerConnection(DockerSettings settings) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (settings.dockerHost() != null) {
            builder.withDockerHost(settings.dockerHost());
        }
        DockerClientConfig config = builder.build();
        this.host = config.getDockerHost().toString();
        this.calls = client(config, settings.connectTimeout(), CALL_TIMEOUT);
        this.streams = client(config, settings.connectTimeout(), null);
    }

    private static DockerClient client(DockerClientConfig config, Duration connectTimeout, Duration responseTimeout) {
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(connectTimeout);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    String host() {
        return host;
    }

    DockerClient calls() {
        return calls;
    }

    DockerClient streams() {
        return streams;
    }

    /**
     * Runs one engine request, turning a transport failure into {@link EngineUnreachableException}.
     * The httpclient5 transport wraps its IOException in a plain RuntimeException, so that is the
     * one shape caught here; engine answers (DockerException) and everything else pass through.
     */
    <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException failure) {
            throw translate(failure);
        }
    }

    /** The failure as the executor reports it: a transport failure becomes {@link EngineUnreachableException}. */
    RuntimeException translate(RuntimeException failure) {
        if (!(failure instanceof DockerException) && isTransportFailure(failure)) {
            return new EngineUnreachableException(host, failure);
        }
        return failure;
    }

    void run(Runnable request) {
        call(() -> {
            request.run();
            return null;
        });
    }

    static boolean isTransportFailure(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closeQuietly(calls);
        closeQuietly(streams);
    }

    private void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException notClosed) {
            LOG.debug("Docker client for {} did not close cleanly: {}", host, notClosed.getMessage());
        }
    }
}
