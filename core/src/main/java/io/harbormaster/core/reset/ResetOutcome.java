package io.harbormaster.core.reset;

/**
 * What applying a plan did with one item.
 *
 * @param detail the evidence of the check made just before acting, and what was done
 */
public record ResetOutcome(String kind, String id, String executionId, Result result, String detail) {

    public enum Result {
        /** Stopped and recorded CANCELLED. */
        STOPPED,
        REMOVED,
        /** Already gone (or ended) when re-checked: nothing to do. */
        ALREADY_GONE,
        /** The re-check no longer proves it ours, or a live execution uses it now: left alone. */
        REFUSED,
        /** Left alone, as the plan said. */
        LEFT,
        /** Tried and could not: the detail says why. */
        FAILED
    }

    static ResetOutcome of(ResetItem item, Result result, String detail) {
        return new ResetOutcome(item.kind(), item.id(), item.executionId(), result, detail);
    }

    public String describe() {
        return result + " " + kind + " " + id + (executionId == null ? "" : " (" + executionId + ")") + ": " + detail;
    }
}
