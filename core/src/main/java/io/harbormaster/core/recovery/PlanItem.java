package io.harbormaster.core.recovery;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One execution's line of a recovery plan, from proposal to outcome:
 *
 * <pre>
 * PROPOSED --approve / override--> APPROVED --re-probe, same answer--> APPLYING --done--> APPLIED
 *    ^                                 |                                    |
 *    +------ re-probe, other answer ---+                                    +--failed--> FAILED
 * </pre>
 *
 * APPLYING is stored before the action starts and APPLIED after it ended, so a node killed in between knows which
 * action may have happened and finishes it idempotently instead of doing it again.
 *
 * @param attemptsAtPlan the execution's attempt count when planned: a re-run that already moved it past this
 *                       count happened, and is never taken again
 * @param chosen         the action to apply: the proposed one, or the operator's override
 * @param decidedBy      {@code policy:safe}, {@code user:alice}, ...; null while undecided
 */
public record PlanItem(String executionId, int attemptsAtPlan, RecoveryTrace trace, RecoveryAction chosen,
                       Status status, String decidedBy, Instant decidedAt, String outcome) {

    public enum Status {
        PROPOSED, APPROVED, APPLYING, APPLIED, FAILED;

        public boolean isFinished() {
            return this == APPLIED || this == FAILED;
        }
    }

    public static PlanItem proposed(int attempts, RecoveryTrace trace) {
        return new PlanItem(trace.executionId(), attempts, trace, trace.proposed(), Status.PROPOSED, null, null, null);
    }

    public RecoveryAction proposed() {
        return trace.proposed();
    }

    public PlanItem decided(RecoveryAction action, String who, Instant at) {
        return new PlanItem(executionId, attemptsAtPlan, trace, action, Status.APPROVED, who, at, null);
    }

    /** The operator chose to wait: still proposed (probed again, decidable later), with who chose it. */
    public PlanItem deferred(String who, Instant at) {
        return new PlanItem(executionId, attemptsAtPlan, trace, RecoveryAction.WAIT, Status.PROPOSED, who, at,
                "deferred by " + who);
    }

    public PlanItem withStatus(Status next, String what) {
        return new PlanItem(executionId, attemptsAtPlan, trace, chosen, next, decidedBy, decidedAt, what);
    }

    /** Back to proposed with a fresh trace: the world changed since the decision. */
    public PlanItem reproposed(int attempts, RecoveryTrace fresh) {
        return new PlanItem(executionId, attempts, fresh, fresh.proposed(), Status.PROPOSED, null, null,
                "answer changed on re-probe; decide again");
    }

    /**
     * The actions an operator may choose for this item. Never re-run work that finished (unless long-running work
     * under the seed's policy proposed it), never adopt a result that does not exist, never reattach to nothing.
     */
    public Set<RecoveryAction> allowed() {
        Set<RecoveryAction> allowed = switch (trace.observed()) {
            case RecoveryGraph.RUNNING -> EnumSet.of(RecoveryAction.REATTACH, RecoveryAction.CANCEL);
            case RecoveryGraph.EXITED -> EnumSet.of(RecoveryAction.ADOPT_RESULT, RecoveryAction.CANCEL);
            case RecoveryGraph.NOT_STARTED -> EnumSet.of(RecoveryAction.RESUME, RecoveryAction.FAIL, RecoveryAction.CANCEL);
            case RecoveryGraph.GONE -> EnumSet.of(RecoveryAction.RERUN, RecoveryAction.FAIL, RecoveryAction.CANCEL);
            default -> EnumSet.of(RecoveryAction.RERUN, RecoveryAction.FAIL, RecoveryAction.CANCEL);
        };
        allowed.add(RecoveryAction.WAIT);
        allowed.add(trace.proposed());
        return allowed;
    }
}
