package io.harbormaster.core.recovery;

import io.harbormaster.core.store.PreviousRun;
import java.util.List;
import java.util.Optional;

/**
 * What an operator does with recovery, from the desktop app (in-process), the API or the CLI. Every method is
 * safe from any thread; every decision is persisted and logged before it returns. {@code who} is written to the
 * decision log ({@code user:alice}).
 */
public interface RecoveryService {

    /** The flowchart the planner walks, to be drawn as it is. */
    RecoveryGraph graph();

    /**
     * How the run before this node's start ended: {@code CRASHED} when it never closed the store (killed, crashed,
     * machine lost), {@code CLEAN} after a shutdown. A plan keeps the one of the start that made it.
     */
    PreviousRun previousRun();

    /** The plan made at the last start, with every decision and outcome since; empty if none was ever needed. */
    Optional<RecoveryPlan> plan();

    /**
     * Approves the proposed action of each execution. Approving does not apply: {@link #apply} does.
     *
     * @throws RecoveryDecisionException if an id is not in the plan, already applied, or proposed WAIT (the executor
     *                                   could not tell: override it with an action instead)
     */
    RecoveryPlan approve(List<String> executionIds, String who);

    /** Approves every undecided item whose proposed action is safe (REATTACH, ADOPT_RESULT, RESUME). */
    RecoveryPlan approveAllSafe(String who);

    /** Approves every undecided item as proposed, except WAIT: those stay proposed for the next probe. */
    RecoveryPlan approveAll(String who);

    /**
     * Chooses another action for one execution, and approves it. WAIT defers instead: the item stays proposed and the
     * next probe may still decide it.
     *
     * @throws RecoveryDecisionException if the action is not allowed for what the executor still has
     */
    RecoveryPlan override(String executionId, RecoveryAction action, String who);

    /**
     * Applies every approved item: each is probed again first, and one whose answer changed goes back to proposed
     * instead. Idempotent: what was applied is not applied again.
     */
    RecoveryPlan apply(String who);

    /** Probes the undecided items again (an engine may be back); changed answers become new proposals. */
    RecoveryPlan refresh(String who);
}
