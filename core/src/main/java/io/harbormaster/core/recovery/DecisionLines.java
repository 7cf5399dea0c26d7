package io.harbormaster.core.recovery;

import io.harbormaster.core.store.DecisionRecord;
import java.time.Instant;

/**
 * The decision log's entries for plan items. Each detail starts with the action concerned, then says what was
 * proposed, what was chosen, the evidence and the outcome, so one line answers "who did what, and why".
 */
final class DecisionLines {

    static final String PROPOSED = "PROPOSED";
    static final String APPROVED = "APPROVED";
    static final String PLAN = "PLAN";
    static final String APPLIED = "APPLIED";
    static final String APPLY_FAILED = "APPLY_FAILED";
    static final String REPROPOSED = "REPROPOSED";
    static final String DEFERRED = "DEFERRED";

    private DecisionLines() {
    }

    /** One line per plan, for no execution: how many executions, and what was proposed for how many. */
    static DecisionRecord plan(RecoveryPlan plan, String planner, Instant at) {
        java.util.Map<RecoveryAction, Long> counts = new java.util.EnumMap<>(RecoveryAction.class);
        plan.items().forEach(i -> counts.merge(i.proposed(), 1L, Long::sum));
        return new DecisionRecord(0, at, plan.planId(), null, PLAN, planner, plan.items().size()
                + " live executions planned (policy " + plan.policy().configName() + ", approval " + plan.approval()
                + "); proposed: " + counts);
    }

    static DecisionRecord proposed(String planId, PlanItem item, String planner, Instant at) {
        return new DecisionRecord(0, at, planId, item.executionId(), PROPOSED, planner,
                item.proposed() + " - " + item.trace().evidenceLine());
    }

    static DecisionRecord reproposed(String planId, PlanItem item, String who, Instant at) {
        return new DecisionRecord(0, at, planId, item.executionId(), REPROPOSED, who,
                item.proposed() + " - answer changed on re-probe; " + item.trace().evidenceLine());
    }

    static DecisionRecord decision(String planId, String kind, PlanItem item, String who, Instant at) {
        StringBuilder detail = new StringBuilder().append(item.chosen()).append(" - proposed ")
                .append(item.proposed()).append(", chosen ").append(item.chosen()).append(" by ")
                .append(item.decidedBy()).append("; evidence: ").append(item.trace().evidenceLine());
        if (item.outcome() != null) {
            detail.append("; outcome: ").append(item.outcome());
        }
        return new DecisionRecord(0, at, planId, item.executionId(), kind, who, detail.toString());
    }
}
