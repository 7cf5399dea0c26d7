package io.harbormaster.core.executor;

/**
 * What {@link Executor#remove} did with one resource, after checking again that it is this node's.
 *
 * @param detail the evidence checked and what was done, in one line
 */
public record Removal(Result result, String detail) {

    public enum Result {
        REMOVED,
        /** Nothing by that id exists any more. */
        ALREADY_GONE,
        /** It exists but no longer proves it is this node's (labels, start time): left alone. */
        NOT_OURS
    }
}
