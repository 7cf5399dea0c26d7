package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.HistoryEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every execution this node accepted, each in exactly one state. Every write is a compare-and-set on
 * the execution's revision and is durable before the call returns; concurrent writers may share one
 * commit. Implementations are thread-safe.
 */
public interface ExecutionStore extends AutoCloseable {

    /**
     * Stores a newly accepted execution (revision 1) and its first history event.
     *
     * @throws DuplicateExecutionException if the id is already stored
     */
    Execution create(Execution accepted);

    /**
     * Moves an execution along an edge of the state diagram and appends the history event.
     *
     * @throws RevisionConflictException      if the stored revision is not {@code expectedRevision}
     * @throws io.harbormaster.core.execution.IllegalTransitionException if the edge does not exist
     * @throws UnknownExecutionException      if no such execution
     */
    Execution transition(String id, long expectedRevision, Transition transition);

    /**
     * Changes fields other than the state (the executor handle, the reattach config, the exit code),
     * bumping the revision. {@code note} is appended to the history when non-null.
     */
    Execution update(String id, long expectedRevision, UnaryOperator<Execution> change, String note);

    Optional<Execution> get(String id);

    /** From the state index: no scan of finished executions. Oldest first. */
    List<Execution> inStates(Set<ExecutionState> states);

    /** Newest first, at most {@code limit}; all states when {@code states} is empty. */
    List<Execution> list(Set<ExecutionState> states, int limit);

    /**
     * The next page of a walk through every execution, newest first: at most {@code limit} created
     * before {@code older} ({@code null} starts at the newest). A reader of a large store takes it in
     * short reads this way, so writers never wait long behind it.
     */
    default List<Execution> listBefore(Execution older, int limit) {
        Comparator<Execution> creation = Comparator.comparing(Execution::createdAt).thenComparing(Execution::id);
        return list(Set.of(), Integer.MAX_VALUE).stream()
                .filter(execution -> older == null || creation.compare(execution, older) < 0)
                .limit(limit)
                .toList();
    }

    Map<ExecutionState, Integer> countByState();

    /** Oldest first. */
    List<HistoryEvent> history(String id);

    /** How the run before this open ended, as the store recorded it: crashed, clean, or none before. */
    PreviousRun previousRun();

    /** The append-only log of recovery decisions. */
    DecisionLog decisions();

    /** The recovery engine's plans, kept in the same file and commits as the decisions. */
    RecoveryPlanStore recoveryPlans();

    /**
     * Removes finished executions older than the policy allows, or beyond its count, and their
     * history; never a live or pending one.
     *
     * @return the ids removed, so their files can go too
     */
    List<String> prune(RetentionPolicy policy, Instant now);

    @Override
    void close();
}
