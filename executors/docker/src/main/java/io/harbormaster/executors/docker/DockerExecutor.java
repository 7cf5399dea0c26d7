package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.ExitRecord;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.ExecutorProgress;
import io.harbormaster.core.executor.ProgressReporter;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.Removal;
import io.harbormaster.core.executor.StartRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs docker jobs as containers labelled with the node and execution ids. The labels, not the
 * store, are the truth: {@link #start} looks for the execution's container before creating one,
 * and {@link #recover} answers for every execution with one list call.
 */
public final class DockerExecutor implements Executor, ProgressReporter {

    public static final String TYPE = "docker";
    public static final String CONTAINER_ID = "containerId";
    public static final String CONTAINER_NAME = "containerName";

    private static final Logger LOG = LoggerFactory.getLogger(DockerExecutor.class);
    private static final Duration RECORD_WAIT = Duration.ofSeconds(30);
    private static final Duration NAME_HOLDER_WAIT = Duration.ofSeconds(30);

    private final String nodeId;
    private final DockerSettings settings;
    private final DockerConnection engine;
    private final ContainerLookup lookup;
    private final ImagePuller images;
    private final ExecutorService watchers;
    private final Map<String, ExecutionWatch> watches = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ExecutorHandle>> startsUnderWay = new ConcurrentHashMap<>();

    public DockerExecutor(String nodeId, DockerSettings settings) {
        this.nodeId = nodeId;
        this.settings = settings;
        this.engine = new DockerConnection(settings);
        this.lookup = new ContainerLookup(engine, nodeId);
        this.images = new ImagePuller(engine);
        this.watchers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "docker-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The engine address in use, as reported in errors. */
    public String host() {
        return engine.host();
    }

    /** Pull progress (layers, bytes) of every image this executor pulls from now on. */
    public void addPullListener(PullListener listener) {
        images.addListener(listener);
    }

    /** Pulls as the node reports them: one sentence and a fraction per step. */
    @Override
    public void addProgressListener(Consumer<ExecutorProgress> listener) {
        addPullListener(step -> listener.accept(PullProgressText.of(step)));
    }

    public void removePullListener(PullListener listener) {
        images.removeListener(listener);
    }

    @Override
    public ExecutorHandle start(StartRequest request) {
        // a second start of an execution whose start is under way in this process gets the first one's answer
        CompletableFuture<ExecutorHandle> mine = new CompletableFuture<>();
        CompletableFuture<ExecutorHandle> underWay = startsUnderWay.putIfAbsent(request.executionId(), mine);
        if (underWay != null) {
            try {
                return underWay.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        try {
            ExecutorHandle handle = startInTurn(request);
            mine.complete(handle);
            return handle;
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            startsUnderWay.remove(request.executionId(), mine);
        }
    }

    private ExecutorHandle startInTurn(StartRequest request) {
        ExecutorHandle handle;
        try {
            if (ExitRecord.read(request.files().exit()).isPresent()) {
                // it ran and its container is already cleaned up: report that exit, never run it again
                LOG.info("Execution {} already has an exit record; not starting it again", request.executionId());
                return ExecutorHandle.of(TYPE, Map.of(CONTAINER_NAME, DockerLabels.containerName(request.executionId())));
            }
            Optional<Container> existing = lookup.ofExecution(request.executionId());
            handle = existing.isPresent()
                    ? resume(request.executionId(), existing.get().getId(), ContainerLookup.nameOf(existing.get()),
                            ContainerPhase.of(existing.get().getState()))
                    : create(request);
        } catch (DockerException refused) {
            throw new ExecutorException("Docker engine at " + engine.host() + " refused to start execution "
                    + request.executionId() + ": " + refused.getMessage(), false, refused);
        } catch (IllegalArgumentException notDocker) {
            throw new ExecutorException(notDocker.getMessage(), false, notDocker);
        } catch (IOException damaged) {
            throw new ExecutorException("Cannot read the exit record of execution " + request.executionId() + ": "
                    + damaged.getMessage(), false, damaged);
        }
        watch(new ExecutionRef(request.executionId(), handle, null, request.files()));
        return handle;
    }

    /** An earlier start got this far: carry on from the container's state, never starting a finished one. */
    private ExecutorHandle resume(String executionId, String containerId, String name, ContainerPhase phase) {
        switch (phase) {
            case RUNNING -> LOG.info("Execution {} already runs in container {}; adopting it", executionId, name);
            case CREATED -> {
                LOG.info("Execution {} has container {} created but not started; starting it", executionId, name);
                startContainer(containerId, false);
            }
            default -> LOG.info("Execution {} already ran in container {}; reporting its exit", executionId, name);
        }
        return handleOf(containerId, name);
    }

    private ExecutorHandle create(StartRequest request) {
        ContainerBlueprint blueprint = ContainerBlueprint.of(nodeId, request);
        images.ensurePresent(blueprint.image());
        String containerId;
        try {
            containerId = engine.call(() -> blueprint.toCommand(engine.calls()).exec()).getId();
        } catch (ConflictException nameTaken) {
            // an earlier start created it and crashed before we could see it by label: adopt it
            InspectContainerResponse earlier = nameHolder(blueprint.name())
                    .filter(found -> request.executionId().equals(found.getConfig().getLabels().get(DockerLabels.EXECUTION)))
                    .orElseThrow(() -> new ExecutorException("Container name " + blueprint.name()
                            + " is taken by a container that is not this execution's; remove it to run the job", false,
                            nameTaken));
            return resume(request.executionId(), earlier.getId(), blueprint.name(), ContainerLookup.phaseOf(earlier));
        }
        LOG.info("Execution {}: created container {} ({}) from {}", request.executionId(), blueprint.name(),
                shortId(containerId), blueprint.image());
        CrashWindowPause.AFTER_CREATE.pause(request.executionId());
        startContainer(containerId, true);
        CrashWindowPause.AFTER_START.pause(request.executionId());
        return handleOf(containerId, blueprint.name());
    }

    /**
     * The container holding a name. A create still in flight elsewhere has reserved the name before it can be
     * inspected, and on a copying storage driver that create can take many seconds: wait for it, within reason.
     */
    private Optional<InspectContainerResponse> nameHolder(String name) {
        long deadline = System.nanoTime() + NAME_HOLDER_WAIT.toNanos();
        while (true) {
            Optional<InspectContainerResponse> holder = lookup.inspectOwned(name);
            if (holder.isPresent() || System.nanoTime() - deadline > 0 || lookup.exists(name)) {
                return holder;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return holder;
            }
        }
    }

    private void startContainer(String containerId, boolean createdNow) {
        try {
            engine.run(() -> engine.calls().startContainerCmd(containerId).exec());
        } catch (NotModifiedException alreadyStarted) {
            LOG.debug("Container {} was already started", containerId);
        } catch (DockerException refused) {
            if (createdNow) {
                // it never ran and nothing refers to it yet: leaving it would only make an orphan
                engine.run(() -> engine.calls().removeContainerCmd(containerId).withForce(true).exec());
            }
            throw refused;
        }
    }

    private static ExecutorHandle handleOf(String containerId, String name) {
        return ExecutorHandle.of(TYPE, Map.of(CONTAINER_ID, containerId, CONTAINER_NAME, name));
    }

    @Override
    public Map<String, Observation> recover(List<ExecutionRef> refs) {
        return new RecoveryProbe(lookup, nodeId, engine, settings.keepContainers()).observe(refs);
    }

    @Override
    public CompletionStage<ExitResult> await(ExecutionRef ref) {
        try {
            Optional<ExitResult> recorded = ExitRecord.read(ref.files().exit());
            if (recorded.isPresent()) {
                return CompletableFuture.completedFuture(recorded.get());
            }
        } catch (IOException damaged) {
            return CompletableFuture.failedFuture(new ExecutorException(damaged.getMessage(), false, damaged));
        }
        return watch(ref).result().copy();
    }

    /** One watch per execution; a failed one is replaced so a later call can try again. */
    private ExecutionWatch watch(ExecutionRef ref) {
        return watches.compute(ref.executionId(), (id, current) -> {
            if (current != null && !current.result().isCompletedExceptionally()) {
                return current;
            }
            ExecutionWatch fresh = new ExecutionWatch(ref, engine, lookup, settings.keepContainers());
            watchers.execute(fresh);
            return fresh;
        });
    }

    @Override
    public void stop(ExecutionRef ref, Duration grace) {
        Optional<InspectContainerResponse> found;
        try {
            found = lookup.locate(ref);
        } catch (DockerException refused) {
            throw new ExecutorException("Cannot stop execution " + ref.executionId() + ": " + refused.getMessage(), true, refused);
        }
        if (found.isEmpty()) {
            return;
        }
        String containerId = found.get().getId();
        int seconds = (int) Math.max(0, (grace.toMillis() + 999) / 1000);
        try {
            if (ContainerLookup.phaseOf(found.get()) == ContainerPhase.CREATED) {
                // a container that never started has nothing to stop; removing it ends the execution
                ExitRecord.write(ref.files().exit(), new ExitResult(null, Instant.now(),
                        "container " + ContainerLookup.nameOf(found.get()) + " stopped before it started"));
                engine.run(() -> engine.calls().removeContainerCmd(containerId).withForce(true).exec());
                return;
            }
            engine.run(() -> engine.streams().stopContainerCmd(containerId).withTimeout(seconds).exec());
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            LOG.debug("Container {} was already stopped", containerId);
        } catch (DockerException refused) {
            throw new ExecutorException("Docker engine at " + engine.host() + " would not stop container "
                    + ContainerLookup.nameOf(found.get()) + ": " + refused.getMessage(), true, refused);
        } catch (IOException notRecorded) {
            throw new ExecutorException("Cannot record the stop of execution " + ref.executionId() + ": "
                    + notRecorded.getMessage(), false, notRecorded);
        }
        awaitRecorded(ref);
    }

    private void awaitRecorded(ExecutionRef ref) {
        try {
            watch(ref).result().get(RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notYet) {
            LOG.warn("Execution {} was stopped but its exit is not recorded yet: {}", ref.executionId(), notYet.getMessage());
        }
    }

    @Override
    public List<OwnedResource> owned() {
        List<OwnedResource> owned = new ArrayList<>();
        for (Container container : lookup.ofNode()) {
            Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
            owned.add(new OwnedResource("container", container.getId(), labels.get(DockerLabels.EXECUTION),
                    DockerLabels.proof(nodeId) + " on " + ContainerLookup.nameOf(container)));
        }
        return owned;
    }

    /**
     * Force-removes one of our containers. The node label is read again first: an id that now names a
     * container without it (another node's, or nobody's) is left alone.
     */
    @Override
    public Removal remove(OwnedResource resource) {
        if (!"container".equals(resource.kind())) {
            return Executor.super.remove(resource);
        }
        Optional<InspectContainerResponse> ours;
        try {
            if (!lookup.exists(resource.id())) {
                return new Removal(Removal.Result.ALREADY_GONE, "no container " + shortId(resource.id()) + " any more");
            }
            ours = lookup.inspectOwned(resource.id());
        } catch (DockerException refused) {
            throw new ExecutorException("Docker engine at " + engine.host() + " could not inspect container "
                    + shortId(resource.id()) + ": " + refused.getMessage(), true, refused);
        }
        if (ours.isEmpty()) {
            return new Removal(Removal.Result.NOT_OURS, "container " + shortId(resource.id()) + " lacks "
                    + DockerLabels.proof(nodeId) + ": left alone");
        }
        Map<String, String> labels = ours.get().getConfig().getLabels();
        String execution = labels.get(DockerLabels.EXECUTION);
        if (resource.executionId() != null && !resource.executionId().equals(execution)) {
            return new Removal(Removal.Result.NOT_OURS, "container " + shortId(resource.id()) + " now carries execution "
                    + execution + ", not " + resource.executionId() + ": left alone");
        }
        String name = ContainerLookup.nameOf(ours.get());
        try {
            engine.run(() -> engine.calls().removeContainerCmd(ours.get().getId()).withForce(true).exec());
        } catch (NotFoundException raced) {
            return new Removal(Removal.Result.ALREADY_GONE, "container " + name + " went away meanwhile");
        } catch (DockerException refused) {
            throw new ExecutorException("Docker engine at " + engine.host() + " would not remove container " + name
                    + ": " + refused.getMessage(), true, refused);
        }
        return new Removal(Removal.Result.REMOVED, DockerLabels.proof(nodeId) + " re-read; container " + name
                + " (" + ContainerLookup.phaseOf(ours.get()) + ") force-removed");
    }

    /** Stops following; the containers keep running and are found again by label. */
    @Override
    public void close() {
        watchers.shutdownNow();
        try {
            // let interrupted watches store their log marks before their client goes away
            watchers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
