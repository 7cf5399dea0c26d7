/**
 * The Docker executor: Bacalhau docker jobs as containers on a Docker engine, through docker-java.
 *
 * <p>Every container carries {@code io.harbormaster.node}, {@code io.harbormaster.execution} and
 * {@code io.harbormaster.job} labels and is named {@code hm-<executionId>}; the executor never
 * touches a container without this node's label. Settings (under {@code executors: docker:} in the
 * node's {@code config.yaml}): {@code dockerHost} (else {@code DOCKER_HOST}, else the Docker
 * client default), {@code keepContainers} (keep finished containers for debugging) and
 * {@code connectTimeoutSeconds} (3 by default).
 *
 * <p>Limits worth knowing:
 * <ul>
 *   <li>A container that was created but never started is reported as not started by
 *       {@code recover}: nothing ran. Recovery resumes the start, which starts that container.</li>
 *   <li>Logs are fetched again from the second of the last stored line, and frames up to that
 *       line's nanosecond timestamp are dropped; two lines with the same timestamp across a
 *       restart would lose the second one.</li>
 * </ul>
 */
package io.harbormaster.executors.docker;
