package io.harbormaster.executors.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the engine itself says happened to one execution's containers, from its events API. */
public final class EngineEvents {

    private final DockerClient docker;
    private final Instant since;

    /** Counts events from {@code since} on (whole seconds: the API's resolution). */
    public EngineEvents(DockerClient docker, Instant since) {
        this.docker = docker;
        this.since = since.minusSeconds(1);
    }

    /** Container events of one action ("create", "start", "die") for the execution, up to now. */
    public List<Event> of(String action, String nodeId, String executionId) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long until = Instant.now().getEpochSecond() + 1;
        ResultCallback.Adapter<Event> callback = docker.eventsCmd()
                .withSince(Long.toString(since.getEpochSecond()))
                .withUntil(Long.toString(until))
                .withEventFilter(action)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId, DockerLabels.EXECUTION, executionId))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        if ("container".equals(event.getType() == null ? null : event.getType().getValue())) {
                            events.add(event);
                        }
                    }
                });
        if (!callback.awaitCompletion(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the engine's event stream did not end within 30 s");
        }
        return events;
    }
}
