package io.harbormaster.executors.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds this node's containers, always through the node label, so a stranger's container is never touched. */
final class ContainerLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLookup.class);

    private final DockerConnection engine;
    private final String nodeId;

    ContainerLookup(DockerConnection engine, String nodeId) {
        this.engine = engine;
        this.nodeId = nodeId;
    }

    /** Every container of this node, in any state: one list call. */
    List<Container> ofNode() {
        return engine.call(() -> engine.calls().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec());
    }

    /** The container of one execution, preferring a live one should a bug ever have made two. */
    Optional<Container> ofExecution(String executionId) {
        List<Container> found = engine.call(() -> engine.calls().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId, DockerLabels.EXECUTION, executionId)).exec());
        if (found.size() > 1) {
            LOG.warn("Execution {} has {} containers; using the most alive one", executionId, found.size());
        }
        return found.stream().min(Comparator.comparing(container -> ContainerPhase.of(container.getState())));
    }

    /** Inspects a container by id or name, but only if it carries our node label. */
    Optional<InspectContainerResponse> inspectOwned(String idOrName) {
        InspectContainerResponse inspected;
        try {
            inspected = engine.call(() -> engine.calls().inspectContainerCmd(idOrName).exec());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
        Map<String, String> labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
        if (!DockerLabels.ownedBy(labels, nodeId)) {
            LOG.warn("Container {} lacks our {}; leaving it alone", idOrName, DockerLabels.proof(nodeId));
            return Optional.empty();
        }
        return Optional.of(inspected);
    }

    /** True if any container, ours or not, has this id or name. */
    boolean exists(String idOrName) {
        try {
            engine.call(() -> engine.calls().inspectContainerCmd(idOrName).exec());
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }

    /** The execution's container: through the persisted handle if there is one, else by label. */
    Optional<InspectContainerResponse> locate(ExecutionRef ref) {
        String id = ref.handle() == null ? null : ref.handle().attribute(DockerExecutor.CONTAINER_ID);
        if (id != null) {
            Optional<InspectContainerResponse> byHandle = inspectOwned(id);
            if (byHandle.isPresent()) {
                return byHandle;
            }
        }
        return ofExecution(ref.executionId()).flatMap(container -> inspectOwned(container.getId()));
    }

    static String nameOf(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId() : names[0].replaceFirst("^/", "");
    }

    static String nameOf(InspectContainerResponse inspected) {
        return inspected.getName() == null ? inspected.getId() : inspected.getName().replaceFirst("^/", "");
    }

    static ContainerPhase phaseOf(InspectContainerResponse inspected) {
        return ContainerPhase.of(inspected.getState() == null ? null : inspected.getState().getStatus());
    }

    /** Exit code and finish time as the engine recorded them; a dead container's code is unknown. */
    static ExitResult exitOf(InspectContainerResponse inspected) {
        InspectContainerResponse.ContainerState state = inspected.getState();
        Instant finishedAt = parseTime(state.getFinishedAt());
        if (finishedAt == null) {
            finishedAt = Instant.now();
        }
        String name = nameOf(inspected);
        if (phaseOf(inspected) == ContainerPhase.DEAD || state.getExitCodeLong() == null) {
            return new ExitResult(null, finishedAt, "container " + name + " is dead: " + nullToNone(state.getError()));
        }
        int code = state.getExitCodeLong().intValue();
        String detail = "container " + name + " exited " + code;
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            detail += ", killed for using more memory than its limit";
        } else if (state.getError() != null && !state.getError().isBlank()) {
            detail += ": " + state.getError();
        }
        return new ExitResult(code, finishedAt, detail);
    }

    /** Docker writes {@code 0001-01-01T00:00:00Z} for "never"; that reads as null. */
    static Instant parseTime(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }

    private static String nullToNone(String text) {
        return text == null || text.isBlank() ? "no reason given" : text;
    }
}
