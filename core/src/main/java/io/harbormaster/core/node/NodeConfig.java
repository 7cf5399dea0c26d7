package io.harbormaster.core.node;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The node's {@code config.yaml}. Flags override it; the desktop app edits it. Every field has a
 * default, so an empty or missing file is a valid config.
 *
 * @param allowListedLocalPaths {@code PATH[:ro|:rw]} entries, globs allowed, as Bacalhau's flag takes them
 * @param approval              recovery approval policy: auto, safe or ask
 * @param recoveryPolicy        recovery planner: extended or seed
 * @param dockerHost            overrides DOCKER_HOST when set
 * @param retentionDays         finished executions older than this are pruned at start
 * @param retentionMaxCount     at most this many finished executions are kept
 * @param apiPort               0 picks a free port on 127.0.0.1
 * @param stopGraceSeconds      how long a stopped execution gets before it is killed
 * @param executors             per-executor settings, by engine type
 * @param recoveryApproval      per recovery action, {@code auto} or {@code ask}: overrides {@code approval} for it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NodeConfig(
        @JsonProperty("allowListedLocalPaths") List<String> allowListedLocalPaths,
        @JsonProperty("approval") String approval,
        @JsonProperty("recoveryPolicy") String recoveryPolicy,
        @JsonProperty("dockerHost") String dockerHost,
        @JsonProperty("retentionDays") Integer retentionDays,
        @JsonProperty("retentionMaxCount") Integer retentionMaxCount,
        @JsonProperty("apiPort") Integer apiPort,
        @JsonProperty("stopGraceSeconds") Integer stopGraceSeconds,
        @JsonProperty("executors") Map<String, Map<String, String>> executors,
        @JsonProperty("recoveryApproval") Map<String, String> recoveryApproval) {

    public static final NodeConfig DEFAULTS = new NodeConfig(List.of(), "safe", "extended", null, 31, 100_000, 0, 10,
            Map.of(), Map.of());

    public NodeConfig {
        allowListedLocalPaths = allowListedLocalPaths == null ? List.of() : List.copyOf(allowListedLocalPaths);
        approval = approval == null ? "safe" : approval;
        recoveryPolicy = recoveryPolicy == null ? "extended" : recoveryPolicy;
        retentionDays = retentionDays == null ? 31 : retentionDays;
        retentionMaxCount = retentionMaxCount == null ? 100_000 : retentionMaxCount;
        apiPort = apiPort == null ? 0 : apiPort;
        stopGraceSeconds = stopGraceSeconds == null ? 10 : stopGraceSeconds;
        executors = executors == null ? Map.of() : Map.copyOf(executors);
        recoveryApproval = recoveryApproval == null ? Map.of() : Map.copyOf(recoveryApproval);
    }

    /** The same settings with other per-action approvals. */
    public NodeConfig withRecoveryApproval(Map<String, String> value) {
        return new NodeConfig(allowListedLocalPaths, approval, recoveryPolicy, dockerHost, retentionDays,
                retentionMaxCount, apiPort, stopGraceSeconds, executors, value);
    }

    public Duration stopGrace() {
        return Duration.ofSeconds(stopGraceSeconds);
    }

    public Map<String, String> executorSettings(String type) {
        return executors.getOrDefault(type, Map.of());
    }

    public NodeConfig withAllowListedLocalPaths(List<String> paths) {
        return new NodeConfig(paths, approval, recoveryPolicy, dockerHost, retentionDays, retentionMaxCount, apiPort,
                stopGraceSeconds, executors, recoveryApproval);
    }

    public NodeConfig withApproval(String value) {
        return new NodeConfig(allowListedLocalPaths, value, recoveryPolicy, dockerHost, retentionDays,
                retentionMaxCount, apiPort, stopGraceSeconds, executors, recoveryApproval);
    }

    public NodeConfig withRecoveryPolicy(String value) {
        return new NodeConfig(allowListedLocalPaths, approval, value, dockerHost, retentionDays, retentionMaxCount,
                apiPort, stopGraceSeconds, executors, recoveryApproval);
    }

    public NodeConfig withDockerHost(String value) {
        return new NodeConfig(allowListedLocalPaths, approval, recoveryPolicy, value, retentionDays, retentionMaxCount,
                apiPort, stopGraceSeconds, executors, recoveryApproval);
    }

    public NodeConfig withApiPort(int value) {
        return new NodeConfig(allowListedLocalPaths, approval, recoveryPolicy, dockerHost, retentionDays,
                retentionMaxCount, value, stopGraceSeconds, executors, recoveryApproval);
    }
}
