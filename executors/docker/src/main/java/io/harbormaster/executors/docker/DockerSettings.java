package io.harbormaster.executors.docker;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code executors: docker:} section of the node's config.
 *
 * @param dockerHost     engine address ({@code unix:///...}, {@code tcp://...}); null means
 *                       {@code DOCKER_HOST} or the Docker client's own default
 * @param keepContainers keep finished containers for debugging instead of removing them once
 *                       their exit code and logs are stored
 * @param connectTimeout how long to wait for the engine before calling it unreachable
 */
public record DockerSettings(String dockerHost, boolean keepContainers, Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    public static DockerSettings from(Map<String, String> settings) {
        String host = settings.get("dockerHost");
        String keep = settings.getOrDefault("keepContainers", "false").trim();
        if (!keep.equalsIgnoreCase("true") && !keep.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("docker setting keepContainers must be true or false, not '" + keep + "'");
        }
        Duration timeout = DEFAULT_CONNECT_TIMEOUT;
        String seconds = settings.get("connectTimeoutSeconds");
        if (seconds != null) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(seconds.trim()));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("docker setting connectTimeoutSeconds must be a whole number, not '"
                        + seconds + "'", notANumber);
            }
        }
        if (timeout.isZero() || timeout.isNegative()) {
            // zero would mean "wait forever" to the HTTP client: the opposite of failing fast
            throw new IllegalArgumentException("docker setting connectTimeoutSeconds must be at least 1, not " + seconds);
        }
        return new DockerSettings(host == null || host.isBlank() ? null : host.trim(), Boolean.parseBoolean(keep), timeout);
    }

    public static DockerSettings forHost(String dockerHost) {
        return new DockerSettings(dockerHost, false, DEFAULT_CONNECT_TIMEOUT);
    }

    public DockerSettings keepingContainers(boolean keep) {
        return new DockerSettings(dockerHost, keep, connectTimeout);
    }
}
