package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;

/** Does what a plan item chose, on the node. */
public interface RecoveryActions {

    /**
     * Applies {@code item.chosen()} to the execution as it is now. Must be idempotent: it is called again for an
     * item the node was applying when it died, and must then finish the action, never do it a second time.
     *
     * @return the outcome in one line ("re-run as attempt 2", "nothing done: already COMPLETED")
     */
    String apply(Execution current, PlanItem item);
}
