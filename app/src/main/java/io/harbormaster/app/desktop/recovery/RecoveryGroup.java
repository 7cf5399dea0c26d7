package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import java.util.List;

/** The plan's items that end in one action: the recovery view lists executions this way, so like is decided with like. */
public record RecoveryGroup(RecoveryAction action, List<PlanItem> items) {

    public RecoveryGroup {
        items = List.copyOf(items);
    }

    /** "RERUN (2)", or "RERUN (2, needs approval)" when the action changes the world. */
    public String title() {
        return action + " (" + items.size() + (action.isSafe() ? ")" : ", needs approval)");
    }
}
