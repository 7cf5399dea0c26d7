package io.harbormaster.systemtests.torture;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.harbormaster.executors.docker.DockerLabels;
import io.harbormaster.executors.docker.TestEngine;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine itself says happens to the node's containers, followed live for the whole run and
 * grouped by execution label. Live, because the engine keeps only its most recent events (a few hundred)
 * for later queries: asked after a long run, it has forgotten the start.
 */
final class NodeContainerEvents implements AutoCloseable {

    private final Map<String, List<Event>> byExecution = new HashMap<>();
    private final ResultCallback.Adapter<Event> subscription;
    private volatile Instant lastEvent = Instant.EPOCH;

    private NodeContainerEvents(TestEngine engine, String nodeId, Instant since) {
        subscription = engine.docker.eventsCmd()
                .withSince(Long.toString(since.getEpochSecond() - 1))
                .withEventFilter("create", "die", "destroy")
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        record(event);
                    }
                });
    }

    /** Starts following every create, die and destroy of the node's containers from {@code since} on. */
    static NodeContainerEvents follow(TestEngine engine, String nodeId, Instant since) {
        return new NodeContainerEvents(engine, nodeId, since);
    }

    private void record(Event event) {
        boolean container = "container".equals(event.getType() == null ? null : event.getType().getValue());
        Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
        String execution = attributes == null ? null : attributes.get(DockerLabels.EXECUTION);
        if (container && execution != null) {
            synchronized (byExecution) {
                byExecution.computeIfAbsent(execution, e -> new ArrayList<>()).add(event);
            }
        }
        lastEvent = Instant.now();
    }

    /** Waits until no event has arrived for {@code quietMillis}, so what the engine already sent is in. */
    void awaitQuiet(long quietMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && Instant.now().toEpochMilli() - lastEvent.toEpochMilli() < quietMillis) {
            Thread.sleep(100);
        }
    }

    /** Events of one action ("create", "die", "destroy") for one execution, in the engine's order. */
    List<Event> of(String action, String executionId) {
        synchronized (byExecution) {
            return byExecution.getOrDefault(executionId, List.of()).stream()
                    .filter(event -> action.equals(event.getAction())).toList();
        }
    }

    @Override
    public void close() throws IOException {
        subscription.close();
    }
}
