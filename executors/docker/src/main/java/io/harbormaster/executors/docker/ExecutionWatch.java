package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.ExitRecord;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one execution to its end: copies its logs while it runs, then stores the exit record and
 * only then removes the container, so the result is never lost between the two. An engine that
 * stops answering is waited for, not taken as an exit. Closing the executor interrupts the watch
 * and leaves its result incomplete: the execution keeps running and is found again by label.
 */
final class ExecutionWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatch.class);
    private static final long POLL_MILLIS = 200;
    private static final long RETRY_MILLIS = 1000;
    private static final int MAX_REFUSALS = 5;

    private final ExecutionRef ref;
    private final DockerConnection engine;
    private final ContainerLookup lookup;
    private final boolean keepContainers;
    private final CompletableFuture<ExitResult> result = new CompletableFuture<>();

    ExecutionWatch(ExecutionRef ref, DockerConnection engine, ContainerLookup lookup, boolean keepContainers) {
        this.ref = ref;
        this.engine = engine;
        this.lookup = lookup;
        this.keepContainers = keepContainers;
    }

    CompletableFuture<ExitResult> result() {
        return result;
    }

    @Override
    public void run() {
        try {
            result.complete(follow());
        } catch (ExecutorException failed) {
            LOG.warn("Lost track of execution {}: {}", ref.executionId(), failed.getMessage());
            result.completeExceptionally(failed);
        } catch (IOException filesFailed) {
            LOG.warn("Cannot store the output of execution {}: {}", ref.executionId(), filesFailed.getMessage());
            result.completeExceptionally(new ExecutorException("cannot store the output of execution "
                    + ref.executionId() + ": " + filesFailed.getMessage(), false, filesFailed));
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            LOG.debug("Stopped following execution {}: the executor is closing", ref.executionId());
        } catch (IllegalStateException clientClosed) {
            // docker-java's pool refuses calls once the executor closed it: that is a detach, not a loss
            LOG.debug("Stopped following execution {}: {}", ref.executionId(), clientClosed.getMessage());
        }
    }

    private ExitResult follow() throws IOException, InterruptedException {
        LogCopier logs = new LogCopier(engine, ref.files());
        boolean warnedDown = false;
        int refusals = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("executor closing");
            }
            Optional<ExitResult> recorded = ExitRecord.read(ref.files().exit());
            if (recorded.isPresent()) {
                return recorded.get();
            }
            try {
                Optional<ExitResult> ended = step(logs);
                if (ended.isPresent()) {
                    return ended.get();
                }
                warnedDown = false;
                refusals = 0;
            } catch (EngineUnreachableException down) {
                if (!warnedDown) {
                    LOG.warn("Following execution {}: {}; retrying", ref.executionId(), down.getMessage());
                    warnedDown = true;
                }
                Thread.sleep(RETRY_MILLIS);
            } catch (NotFoundException vanished) {
                LOG.debug("Container of execution {} vanished mid-call; looking again", ref.executionId());
            } catch (DockerException refused) {
                if (++refusals > MAX_REFUSALS) {
                    throw new ExecutorException("the engine keeps refusing to report on execution " + ref.executionId()
                            + ": " + refused.getMessage(), false, refused);
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    /** One look at the container: follow it while it runs, or record its end. */
    private Optional<ExitResult> step(LogCopier logs) throws IOException, InterruptedException {
        InspectContainerResponse container = lookup.locate(ref).orElseThrow(() -> new ExecutorException(
                "the container of execution " + ref.executionId() + " is gone and no exit was recorded", false));
        switch (ContainerPhase.of(container.getState() == null ? null : container.getState().getStatus())) {
            case RUNNING -> {
                logs.copy(container.getId(), true);
                return Optional.empty();
            }
            case CREATED -> {
                Thread.sleep(POLL_MILLIS);
                return Optional.empty();
            }
            default -> {
                logs.copy(container.getId(), false);
                ExitResult exit = ContainerLookup.exitOf(container);
                ExitRecord.write(ref.files().exit(), exit);
                LOG.info("Execution {}: {}", ref.executionId(), exit.detail());
                if (!keepContainers) {
                    removeFinished(engine, container.getId());
                }
                return Optional.of(exit);
            }
        }
    }

    /** Removes a container whose exit is already stored; failing to is logged, not fatal. */
    static void removeFinished(DockerConnection engine, String containerId) {
        try {
            engine.run(() -> engine.calls().removeContainerCmd(containerId).withRemoveVolumes(true).exec());
        } catch (NotFoundException | ConflictException alreadyGoing) {
            LOG.debug("Container {} is already gone or being removed", containerId);
        } catch (EngineUnreachableException | DockerException notRemoved) {
            // the exit is stored; a container left behind is an orphan that a reset removes
            LOG.warn("Container {} was not removed: {}", containerId, notRemoved.getMessage());
        }
    }
}
