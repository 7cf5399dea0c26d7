package io.harbormaster.systemtests.torture;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.harbormaster.executors.docker.DockerLabels;
import io.harbormaster.executors.docker.TestEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the engine itself says happened to the node's containers over the run, read in one pass of its
 * events API and grouped by execution label (one query per execution rescans the whole run each time).
 */
final class NodeContainerEvents {

    private final Map<String, List<Event>> byExecution = new HashMap<>();

    private NodeContainerEvents() {
    }

    /** Every create, die and destroy event of the node's containers from {@code since} until now. */
    static NodeContainerEvents read(TestEngine engine, String nodeId, Instant since) throws InterruptedException {
        NodeContainerEvents events = new NodeContainerEvents();
        ResultCallback.Adapter<Event> callback = engine.docker.eventsCmd()
                .withSince(Long.toString(since.getEpochSecond() - 1))
                .withUntil(Long.toString(Instant.now().getEpochSecond() + 1))
                .withEventFilter("create", "die", "destroy")
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        boolean container = "container".equals(event.getType() == null ? null : event.getType().getValue());
                        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                        String execution = attributes == null ? null : attributes.get(DockerLabels.EXECUTION);
                        if (container && execution != null) {
                            synchronized (events.byExecution) {
                                events.byExecution.computeIfAbsent(execution, e -> new ArrayList<>()).add(event);
                            }
                        }
                    }
                });
        if (!callback.awaitCompletion(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the engine's event stream did not end within 120 s");
        }
        return events;
    }

    /** Events of one action ("create", "die", "destroy") for one execution, in the engine's order. */
    List<Event> of(String action, String executionId) {
        synchronized (byExecution) {
            return byExecution.getOrDefault(executionId, List.of()).stream()
                    .filter(event -> action.equals(event.getAction())).toList();
        }
    }
}
