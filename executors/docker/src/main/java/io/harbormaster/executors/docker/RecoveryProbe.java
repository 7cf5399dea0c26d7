package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.ExitRecord;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "what is still there" for many executions with one list-by-label call; only an exited
 * container costs one inspect more, for its exit code and finish time. An engine that does not
 * answer makes every execution unknown: absence is only believed when the engine says so.
 *
 * <p>A container that exited while nobody followed it is recorded here the way a watch records it:
 * the rest of its logs, then the exit record, then (unless kept) the container is removed. That
 * changes nothing that runs and makes the adopted result carry the output; a later probe answers
 * from the exit record.
 */
final class RecoveryProbe {

    private final ContainerLookup lookup;
    private final String nodeId;
    private final DockerConnection engine;
    private final boolean keepContainers;

    RecoveryProbe(ContainerLookup lookup, String nodeId, DockerConnection engine, boolean keepContainers) {
        this.lookup = lookup;
        this.nodeId = nodeId;
        this.engine = engine;
        this.keepContainers = keepContainers;
    }

    Map<String, Observation> observe(List<ExecutionRef> refs) {
        Map<String, Observation> observed = new LinkedHashMap<>();
        List<Container> containers;
        try {
            containers = lookup.ofNode();
        } catch (EngineUnreachableException | DockerException noAnswer) {
            refs.forEach(ref -> observed.put(ref.executionId(),
                    new Observation.Unknown("cannot list containers: " + noAnswer.getMessage())));
            return observed;
        }
        Map<String, Container> byExecution = new LinkedHashMap<>();
        for (Container container : containers) {
            String executionId = container.getLabels() == null ? null : container.getLabels().get(DockerLabels.EXECUTION);
            if (executionId != null) {
                byExecution.merge(executionId, container, RecoveryProbe::moreAlive);
            }
        }
        for (ExecutionRef ref : refs) {
            Container container = byExecution.get(ref.executionId());
            observed.put(ref.executionId(), container == null
                    ? withoutContainer(ref, containers.size()) : withContainer(ref, container));
        }
        return observed;
    }

    private Observation withContainer(ExecutionRef ref, Container container) {
        String name = ContainerLookup.nameOf(container);
        switch (ContainerPhase.of(container.getState())) {
            case RUNNING -> {
                Instant created = container.getCreated() == null ? null : Instant.ofEpochSecond(container.getCreated());
                return new Observation.Running("container " + name + " running since " + created + " (" + container.getStatus() + ")");
            }
            case CREATED -> {
                return new Observation.NotStarted("container " + name + " was created but never started: nothing ran;"
                        + " the resumed start starts this container");
            }
            default -> {
                try {
                    Optional<InspectContainerResponse> inspected = lookup.inspectOwned(container.getId());
                    if (inspected.isEmpty()) {
                        return new Observation.Unknown("container " + name + " was listed but is no longer there");
                    }
                    ExitResult exit = ContainerLookup.exitOf(inspected.get());
                    recordEnd(ref, container.getId(), exit);
                    return new Observation.Exited(exit.exitCode(), exit.finishedAt(), exit.detail() + " at " + exit.finishedAt());
                } catch (EngineUnreachableException | DockerException noAnswer) {
                    return new Observation.Unknown("container " + name + " has ended but cannot be inspected: "
                            + noAnswer.getMessage());
                } catch (IOException notStored) {
                    return new Observation.Unknown("container " + name + " has ended but its output cannot be stored: "
                            + notStored.getMessage());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new Observation.Unknown("container " + name + " has ended; interrupted while storing its output");
                }
            }
        }
    }

    /** Logs first, exit record second, removal last: a crash in between loses nothing. */
    private void recordEnd(ExecutionRef ref, String containerId, ExitResult exit) throws IOException, InterruptedException {
        new LogCopier(engine, ref.files()).copy(containerId, false);
        ExitRecord.write(ref.files().exit(), exit);
        if (!keepContainers) {
            ExecutionWatch.removeFinished(engine, containerId);
        }
    }

    private Observation withoutContainer(ExecutionRef ref, int containersOfNode) {
        try {
            Optional<ExitResult> recorded = ExitRecord.read(ref.files().exit());
            if (recorded.isPresent()) {
                ExitResult exit = recorded.get();
                return new Observation.Exited(exit.exitCode(), exit.finishedAt(), "exit record says "
                        + (exit.exitCode() == null ? "code unknown" : "exit " + exit.exitCode()) + " at " + exit.finishedAt());
            }
        } catch (IOException damaged) {
            return new Observation.Unknown(damaged.getMessage());
        }
        return new Observation.Gone("no container labelled " + DockerLabels.EXECUTION + "=" + ref.executionId()
                + " among the " + containersOfNode + " of node " + nodeId + ", and no exit record");
    }

    private static Container moreAlive(Container one, Container other) {
        return ContainerPhase.of(one.getState()).compareTo(ContainerPhase.of(other.getState())) <= 0 ? one : other;
    }
}
