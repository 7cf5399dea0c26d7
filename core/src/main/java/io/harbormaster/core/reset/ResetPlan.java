package io.harbormaster.core.reset;

import java.time.Instant;
import java.util.List;

/**
 * Everything the node owns at one instant, each item marked live, orphan or not provably ours, and what
 * applying the plan would do. Persisted under its id so the operator applies exactly what was shown.
 */
public record ResetPlan(String id, String nodeId, ResetMode mode, Instant createdAt, List<ResetItem> items) {

    public ResetPlan {
        items = List.copyOf(items);
    }

    /** The items applying the plan acts on (stop or remove). */
    public List<ResetItem> actionable() {
        return items.stream().filter(item -> item.action() != ResetItem.Action.LEAVE).toList();
    }
}
