package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.store.ExecutionStore;
import io.harbormaster.core.store.RevisionConflictException;
import io.harbormaster.core.store.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.harbormaster.core.execution.TransitionKind;
import java.util.function.UnaryOperator;

/**
 * Takes executions through their lifecycle: STARTING is stored before the executor is asked to start,
 * the handle right after it exists, the exit as soon as the executor reports it. Every store write is
 * a compare-and-set on a fresh read, so a cancel racing an exit leaves exactly one terminal state.
 */
final class ExecutionDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionDriver.class);

    private final ExecutionStore store;
    private final ExecutorHosting hosting;
    private final DataDirectory dataDir;
    private final NodeEventBus events;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;

    ExecutionDriver(ExecutionStore store, ExecutorHosting hosting, DataDirectory dataDir, NodeEventBus events,
                    ExecutorService workers, ScheduledExecutorService timers) {
        this.store = store;
        this.hosting = hosting;
        this.dataDir = dataDir;
        this.events = events;
        this.workers = workers;
        this.timers = timers;
    }

    ExecutionFiles filesOf(String executionId) {
        return ExecutionFiles.under(dataDir.executionsDir(), executionId);
    }

    /** Starts a PENDING execution on a worker thread. */
    void launch(String executionId) {
        workers.execute(() -> start(executionId));
    }

    private void start(String executionId) {
        Optional<Execution> pending = store.get(executionId);
        if (pending.isPresent() && hosting.executorFor(pending.get()).isEmpty()) {
            // installed executors changed since it was accepted: keep it for a node that has one
            LOG.warn("Execution {} stays PENDING: no executor for engine type '{}' is installed", executionId,
                    pending.get().engineType());
            return;
        }
        advance(executionId, current -> current.state() == ExecutionState.PENDING
                ? Optional.of(Transition.to(ExecutionState.STARTING, "starting")) : Optional.empty())
                .ifPresent(this::startClaimed);
    }

    /**
     * Recovery's re-run edge: the live execution goes back to STARTING with one more attempt, then the
     * executor's idempotent start runs it again under the same id.
     */
    void rerun(String executionId, String reason) {
        advance(executionId, current -> current.state().isLive()
                ? Optional.of(Transition.recovery(ExecutionState.STARTING, reason)) : Optional.empty())
                .ifPresent(execution -> workers.execute(() -> startClaimed(execution)));
    }

    /**
     * Finishes the start of an execution recovery already moved back to STARTING before the node died: the executor's
     * start is idempotent on the execution id, so this never makes a second copy or a new attempt.
     */
    void continueStart(String executionId) {
        store.get(executionId).filter(e -> e.state() == ExecutionState.STARTING)
                .ifPresent(execution -> workers.execute(() -> startClaimed(execution)));
    }

    /** Runs an execution already recorded STARTING: the executor is called only after that write. */
    private void startClaimed(Execution claimed) {
        String executionId = claimed.id();
        Execution execution = claimed;
        try {
            hosting.retireOldPlugin(execution, Duration.ofSeconds(5));
            ReattachConfig plugin = hosting.pluginFor(execution);
            if (plugin != null) {
                execution = persist(executionId, e -> e.withReattach(plugin), "plugin pid " + plugin.pid() + " at "
                        + plugin.socketPath());
            }
        } catch (HarbormasterException noPlugin) {
            LOG.warn("No plugin for execution {}: {}", executionId, noPlugin.getMessage());
            finish(executionId, ExecutionState.FAILED, null, "plugin could not start: " + noPlugin.userMessage());
            return;
        }
        Optional<Executor> executor = hosting.executorFor(execution);
        if (executor.isEmpty()) {
            finish(executionId, ExecutionState.FAILED, null, "no executor for engine type '" + execution.engineType() + "'");
            return;
        }
        ExecutionFiles files = filesOf(executionId);
        try {
            Files.createDirectories(files.dir());
            ExecutorHandle handle = executor.get().start(
                    new StartRequest(executionId, execution.jobId(), execution.attempts(), execution.spec(), files));
            Execution withHandle = persist(executionId, e -> e.withHandle(handle), "executor handle " + handle.attributes());
            if (withHandle.state().isTerminal()) {
                // cancelled while the executor was starting it: what started must not outlive the record
                executor.get().stop(ExecutionRef.of(withHandle, files), Duration.ZERO);
                return;
            }
            advance(executionId, current -> current.state() == ExecutionState.STARTING
                    ? Optional.of(Transition.to(ExecutionState.RUNNING, "running")) : Optional.empty());
            watch(withHandle, executor.get(), files);
        } catch (IOException io) {
            finish(executionId, ExecutionState.FAILED, null, "cannot create the execution's directory: " + io.getMessage());
        } catch (HarbormasterException refused) {
            LOG.warn("Execution {} could not start: {}", executionId, refused.getMessage());
            finish(executionId, ExecutionState.FAILED, null, "start failed: " + refused.userMessage());
        } catch (RuntimeException executorBug) {
            // an executor broke its contract; left alone the execution would stay STARTING with nobody watching it
            LOG.error("Executor '{}' failed unexpectedly starting execution {}", executor.get().type(), executionId,
                    executorBug);
            // stopped first, so that once the record says FAILED nothing of it runs
            stopQuietly(executor.get(), store.get(executionId).orElse(execution));
            finish(executionId, ExecutionState.FAILED, null, "the " + executor.get().type()
                    + " executor failed while starting it: " + executorBug);
        }
    }

    private void stopQuietly(Executor executor, Execution execution) {
        try {
            executor.stop(ExecutionRef.of(execution, filesOf(execution.id())), Duration.ZERO);
        } catch (RuntimeException stopFailed) {
            LOG.warn("Could not make sure execution {} left nothing running: {}", execution.id(), stopFailed.toString());
        }
    }

    /** Follows a started execution to its exit; also used for executions reattached after a restart. */
    void watch(Execution execution, Executor executor, ExecutionFiles files) {
        ExecutionRef ref = ExecutionRef.of(execution, files);
        Duration timeout = execution.spec().task().executionTimeout();
        if (timeout != null && !timeout.isZero()) {
            timers.schedule(() -> timeOut(execution.id(), executor, ref, timeout), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        executor.await(ref).whenCompleteAsync((exit, failure) -> {
            if (failure != null) {
                LOG.warn("Lost track of execution {}: {}", execution.id(), failure.getMessage());
                finish(execution.id(), ExecutionState.FAILED, null, "executor lost track of it: " + failure.getMessage());
            } else {
                recordExit(execution.id(), exit);
            }
            store.get(execution.id()).ifPresent(hosting::released);
        }, workers);
    }

    private void timeOut(String executionId, Executor executor, ExecutionRef ref, Duration timeout) {
        Optional<Execution> current = store.get(executionId);
        if (current.isEmpty() || current.get().state().isTerminal()) {
            return;
        }
        LOG.info("Execution {} exceeded its timeout of {}; stopping it", executionId, timeout);
        finish(executionId, ExecutionState.FAILED, null, "execution timeout of " + timeout.toSeconds() + " s exceeded");
        executor.stop(ref, Duration.ofSeconds(5));
    }

    /** Records how an execution ended; also how recovery adopts an exit that happened while the node was down. */
    void recordExit(String executionId, ExitResult exit) {
        ExecutionState end = exit.succeeded() ? ExecutionState.COMPLETED : ExecutionState.FAILED;
        String reason = exit.exitCode() == null ? "exited, code unknown" : "exited with code " + exit.exitCode();
        if (exit.detail() != null && !exit.detail().isBlank()) {
            reason += " (" + exit.detail() + ")";
        }
        finish(executionId, end, exit.exitCode(), reason);
    }

    /** Records a terminal state unless the execution already has one (a cancel or timeout won the race). */
    void finish(String executionId, ExecutionState end, Integer exitCode, String reason) {
        advance(executionId, current -> current.state().isTerminal() ? Optional.empty()
                : Optional.of(new Transition(end, TransitionKind.NORMAL, reason, exitCode)));
    }

    /** Stops a live execution and records it CANCELLED; a finished one is returned as it is. */
    Execution cancel(Execution execution, String reason, Duration grace) {
        if (execution.state().isTerminal()) {
            return execution;
        }
        Execution cancelled = advance(execution.id(), current -> current.state().isTerminal() ? Optional.empty()
                : Optional.of(Transition.to(ExecutionState.CANCELLED, reason))).orElse(execution);
        if (execution.state().isLive()) {
            hosting.executorFor(store.get(execution.id()).orElse(execution)).ifPresent(executor -> {
                try {
                    executor.stop(ExecutionRef.of(store.get(execution.id()).orElse(execution), filesOf(execution.id())), grace);
                } catch (HarbormasterException stopFailed) {
                    LOG.warn("Stopping cancelled execution {} failed: {}", execution.id(), stopFailed.getMessage());
                }
            });
        }
        return store.get(execution.id()).orElse(cancelled);
    }

    /** Writes fields other than the state on the freshest value, retrying when another writer got there first. */
    private Execution persist(String executionId, UnaryOperator<Execution> change, String note) {
        while (true) {
            Execution current = store.get(executionId).orElseThrow();
            try {
                return store.update(executionId, current.revision(), change, note);
            } catch (RevisionConflictException raced) {
                LOG.debug("Update of {} raced another write; retrying", executionId);
            }
        }
    }

    /** A plugin that can no longer be reached is forgotten, so the execution is served in-process from now on. */
    Execution forgetPlugin(String executionId, String why) {
        return persist(executionId, e -> e.withReattach(null), why);
    }

    /**
     * Applies the transition {@code decide} picks from the freshest stored value, retrying when another
     * writer got there first. Empty when {@code decide} chose to do nothing.
     */
    Optional<Execution> advance(String executionId, Function<Execution, Optional<Transition>> decide) {
        while (true) {
            Execution current = store.get(executionId).orElseThrow();
            Optional<Transition> transition = decide.apply(current);
            if (transition.isEmpty()) {
                return Optional.empty();
            }
            try {
                Execution next = store.transition(executionId, current.revision(), transition.get());
                events.publish(NodeEvent.Type.EXECUTION_STATE_CHANGED, executionId, next.state(), next.reason());
                return Optional.of(next);
            } catch (RevisionConflictException raced) {
                LOG.debug("Transition of {} raced another write; deciding again", executionId);
            }
        }
    }
}
