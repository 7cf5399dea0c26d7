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
 */
final class RecoveryProbe {

    private final ContainerLookup lookup;
    private final String nodeId;

    RecoveryProbe(ContainerLookup lookup, String nodeId) {
        this.lookup = lookup;
        this.nodeId = nodeId;
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
                    ? withoutContainer(ref, containers.size()) : withContainer(container));
        }
        return observed;
    }

    private Observation withContainer(Container container) {
        String name = ContainerLookup.nameOf(container);
        switch (ContainerPhase.of(container.getState())) {
            case RUNNING -> {
                Instant created = container.getCreated() == null ? null : Instant.ofEpochSecond(container.getCreated());
                return new Observation.Running("container " + name + " running since " + created + " (" + container.getStatus() + ")");
            }
            case CREATED -> {
                return new Observation.Gone("container " + name + " was created but never started: nothing ran;"
                        + " a new start starts this container");
            }
            default -> {
                try {
                    Optional<InspectContainerResponse> inspected = lookup.inspectOwned(container.getId());
                    if (inspected.isEmpty()) {
                        return new Observation.Unknown("container " + name + " was listed but is no longer there");
                    }
                    ExitResult exit = ContainerLookup.exitOf(inspected.get());
                    return new Observation.Exited(exit.exitCode(), exit.finishedAt(), exit.detail() + " at " + exit.finishedAt());
                } catch (EngineUnreachableException | DockerException noAnswer) {
                    return new Observation.Unknown("container " + name + " has ended but cannot be inspected: "
                            + noAnswer.getMessage());
                }
            }
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
