package io.harbormaster.executors.wasm;

import io.harbormaster.core.executor.ExitRecord;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution running on its own thread. Exactly one ending wins: the module's own exit, a stop
 * that outlived its grace, or the executor closing; only the first is recorded. Waiters hear of it
 * through {@link #publish()}, called once the thread is gone (or given up on), so that whoever sees
 * the exit never still finds the thread among the executor's owned resources.
 */
final class WasmExecution {

    private static final Logger LOG = LoggerFactory.getLogger(WasmExecution.class);

    private final String executionId;
    private final ExecutorHandle handle;
    private final Path exitRecord;
    private final CompletableFuture<ExitResult> exit = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ExitResult outcome;
    private volatile ExecutorException failure;
    private volatile boolean stopRequested;
    private volatile Thread thread;

    WasmExecution(String executionId, ExecutorHandle handle, Path exitRecord) {
        this.executionId = executionId;
        this.handle = handle;
        this.exitRecord = exitRecord;
    }

    String executionId() {
        return executionId;
    }

    ExecutorHandle handle() {
        return handle;
    }

    CompletableFuture<ExitResult> exit() {
        return exit;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    Thread thread() {
        return thread;
    }

    void runOn(Thread runner) {
        this.thread = runner;
        runner.start();
    }

    /** Asks the module to stop: Chicory checks the interrupt flag on calls, backward branches and sleeps. */
    void requestStop() {
        stopRequested = true;
        interrupt();
    }

    void interrupt() {
        Thread runner = thread;
        if (runner != null) {
            runner.interrupt();
        }
    }

    /** Records the exit (file first, so a result is durable before anyone is told) unless another ending won. */
    boolean finish(ExitResult result) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        try {
            ExitRecord.write(exitRecord, result);
        } catch (IOException e) {
            LOG.error("Execution {} exited with {} but its exit record {} could not be written: {}",
                    executionId, result.exitCode(), exitRecord, e.getMessage());
        }
        outcome = result;
        return true;
    }

    /** Ends the execution without an exit record: the node is going away, so recovery will find it gone. */
    boolean abandon(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        failure = new ExecutorException(reason, true);
        return true;
    }

    /** Tells waiters how the execution ended; does nothing before it has. */
    void publish() {
        if (outcome != null) {
            exit.complete(outcome);
        } else if (failure != null) {
            exit.completeExceptionally(failure);
        }
    }

    boolean hasEnded() {
        return ended.get();
    }
}
