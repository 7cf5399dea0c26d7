package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a running node offers to its front ends: the loopback API, the CLI through it, and the
 * desktop app in-process. Every method is safe to call from any thread.
 */
public interface NodeService {

    /**
     * Validates a Bacalhau job (YAML or JSON, bare or wrapped in {@code {"Job": ...}}) and accepts it.
     *
     * @throws io.harbormaster.core.spec.SpecInvalidException with every problem found; nothing is stored
     */
    Submission submit(String specText);

    Optional<Execution> get(String executionId);

    /** Newest first; all states when {@code states} is empty. */
    List<Execution> list(Set<ExecutionState> states, int limit);

    /** @throws io.harbormaster.core.store.UnknownExecutionException if no such execution */
    List<HistoryEvent> history(String executionId);

    /**
     * Stops the execution if it runs and records it CANCELLED. Cancelling a finished execution is a
     * no-op that returns it unchanged.
     *
     * @throws io.harbormaster.core.store.UnknownExecutionException if no such execution
     */
    Execution cancel(String executionId, String reason);

    /** The execution's output files, for reading and following. */
    ExecutionLogs logs(String executionId);

    NodeInfo info();

    /** Receives every event from now on, in order, on a node thread; keep the listener quick. */
    Subscription subscribe(Consumer<NodeEvent> listener);

    /**
     * The recovery plan made at start and the operator's decisions on it.
     *
     * @throws io.harbormaster.core.recovery.RecoveryDecisionException if this node has no recovery engine
     */
    default io.harbormaster.core.recovery.RecoveryService recovery() {
        throw new io.harbormaster.core.recovery.RecoveryDecisionException("This node has no recovery engine");
    }

    /**
     * Ends the node. {@code stopExecutions} false detaches: executions keep running and the next start
     * reattaches to them; true stops them first (recorded CANCELLED).
     */
    void shutdown(boolean stopExecutions);

    /**
     * Lists everything the node owns and persists the plan under its id; changes nothing else.
     * {@code mode} FULL also plans to stop every live execution.
     */
    default ResetPlan planReset(ResetMode mode, String actor) {
        throw new HarbormasterException("This node offers no environment reset");
    }

    /** @throws io.harbormaster.core.reset.UnknownResetPlanException if no plan has that id */
    default ResetPlan resetPlan(String planId) {
        throw new HarbormasterException("This node offers no environment reset");
    }

    /**
     * Applies a persisted plan: removes exactly what it showed, re-checking each item just before; each
     * outcome is published as a {@link NodeEvent.Type#RESET_PROGRESS} event as it happens.
     *
     * @throws io.harbormaster.core.reset.UnknownResetPlanException if no plan has that id
     */
    default ResetReport applyReset(String planId, String actor) {
        throw new HarbormasterException("This node offers no environment reset");
    }

    /** Handle for {@link #subscribe}; closing it stops the events. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
