package io.harbormaster.core.executor;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.spec.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs executions of one engine type. Shaped like Nomad's driver API: every call may be repeated
 * after a crash, so every call is idempotent on the execution id.
 *
 * <p>Whoever runs an execution writes its output to the files in {@link StartRequest#files()}; the
 * core reads them for {@code logs}, so an executor has no log call of its own.
 */
public interface Executor extends AutoCloseable {

    /** The engine type this executor runs, as written in {@code Tasks[0].Engine.Type}. */
    String type();

    /**
     * Starts the execution, or finds the one an earlier call started. Never starts a second copy:
     * if the execution already ran and exited, the returned handle leads {@link #await} to that exit.
     */
    ExecutorHandle start(StartRequest request);

    /**
     * Does ahead, in the node, work a plugin of this type would otherwise repeat for this job, while the plugin
     * starts (the wasm executor compiles the module into the data dir's cache, so the plugin never loads the
     * compiler). Called on the node's in-process executor; must not throw: the plugin copes without it.
     */
    default void prepare(JobSpec spec) {
    }

    /**
     * What this executor still has for each execution, in one batch. Must answer for every ref;
     * an execution it cannot tell about is {@link Observation.Unknown}, never {@link Observation.Gone}.
     */
    Map<String, Observation> recover(List<ExecutionRef> refs);

    /** Completes with the exit once the execution has ended (at once if it already had). */
    CompletionStage<ExitResult> await(ExecutionRef ref);

    /** Asks the execution to stop, then kills it after {@code grace}. No-op if it is gone. */
    void stop(ExecutionRef ref, Duration grace);

    /** Every resource this executor created for this node, live or not, so a reset can find orphans. */
    List<OwnedResource> owned();

    /**
     * Removes one resource {@link #owned} listed, after checking again, just before, that it is still this
     * node's: a reset applies a plan made earlier, and by now the id may name something else.
     *
     * @throws ExecutorException if this executor cannot remove that kind, or the removal failed
     */
    default Removal remove(OwnedResource resource) {
        throw new ExecutorException("The " + type() + " executor cannot remove a " + resource.kind()
                + "; it ends with its execution", false, null);
    }

    /** Releases clients and threads; running executions are left running (detach). */
    @Override
    void close();
}
