package io.harbormaster.executors.docker;

import java.util.Map;

/** The labels every container of ours carries, and the container name derived from the execution id. */
public final class DockerLabels {

    public static final String NODE = "io.harbormaster.node";
    public static final String EXECUTION = "io.harbormaster.execution";
    public static final String JOB = "io.harbormaster.job";

    private DockerLabels() {
    }

    public static Map<String, String> of(String nodeId, String executionId, String jobId) {
        return Map.of(NODE, nodeId, EXECUTION, executionId, JOB, jobId);
    }

    /** Docker names allow {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}; anything else in an id becomes '_'. */
    public static String containerName(String executionId) {
        return "hm-" + executionId.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }

    /** True only when the labels prove the container belongs to this node. */
    public static boolean ownedBy(Map<String, String> labels, String nodeId) {
        return labels != null && nodeId.equals(labels.get(NODE));
    }

    static String proof(String nodeId) {
        return "label " + NODE + "=" + nodeId;
    }
}
