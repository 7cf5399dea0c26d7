package io.harbormaster.core.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What recovery found and means to do for every execution that was live at start, as persisted before anything
 * is done. Immutable: every decision makes a new plan.
 */
public record RecoveryPlan(String planId, Instant createdAt, RecoveryPolicy policy, String approval,
                           List<PlanItem> items) {

    public RecoveryPlan {
        items = List.copyOf(items);
    }

    public Optional<PlanItem> item(String executionId) {
        return items.stream().filter(i -> i.executionId().equals(executionId)).findFirst();
    }

    public RecoveryPlan with(List<PlanItem> changed) {
        Map<String, PlanItem> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.executionId(), i));
        changed.forEach(i -> byId.put(i.executionId(), i));
        return new RecoveryPlan(planId, createdAt, policy, approval, new ArrayList<>(byId.values()));
    }

    /** True when nothing is left to decide or apply (WAIT items count as waiting). */
    public boolean isSettled() {
        return items.stream().allMatch(i -> i.status().isFinished());
    }

    public List<PlanItem> inStatus(PlanItem.Status status) {
        return items.stream().filter(i -> i.status() == status).toList();
    }
}
