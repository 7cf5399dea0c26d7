package io.harbormaster.core.executor;

/**
 * Something this node created outside the store: a container, a plugin process, a socket, a directory.
 *
 * @param executionId the execution it belongs to, or null if it cannot be tied to one
 * @param proof       why we know it is ours ("label io.harbormaster.node=..."; "pid 42 started at ...")
 */
public record OwnedResource(String kind, String id, String executionId, String proof) {
}
