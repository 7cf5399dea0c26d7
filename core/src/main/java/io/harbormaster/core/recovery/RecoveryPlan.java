package io.harbormaster.core.recovery;

import io.harbormaster.core.store.PreviousRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What recovery found and means to do for every execution that was live at start, as persisted before anything
 * is done. Immutable: every decision makes a new plan.
 *
 * @param previousRun how the run before the start that made this plan ended (crash or clean stop), as the store
 *                    recorded it; a plan stored before such records existed reads as {@code UNRECORDED}
 */
public record RecoveryPlan(String planId, Instant createdAt, RecoveryPolicy policy, String approval,
                           List<PlanItem> items, PreviousRun previousRun) {

    public RecoveryPlan {
        items = List.copyOf(items);
        if (previousRun == null) {
            previousRun = new PreviousRun(PreviousRun.Ending.UNRECORDED, null, null, 0);
        }
    }

    public Optional<PlanItem> item(String executionId) {
        return items.stream().filter(i -> i.executionId().equals(executionId)).findFirst();
    }

    public RecoveryPlan with(List<PlanItem> changed) {
        Map<String, PlanItem> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.executionId(), i));
        changed.forEach(i -> byId.put(i.executionId(), i));
        return new RecoveryPlan(planId, createdAt, policy, approval, new ArrayList<>(byId.values()), previousRun);
    }

    /** True when nothing is left to decide or apply (WAIT items count as waiting). */
    public boolean isSettled() {
        return items.stream().allMatch(i -> i.status().isFinished());
    }

    public List<PlanItem> inStatus(PlanItem.Status status) {
        return items.stream().filter(i -> i.status() == status).toList();
    }
}
