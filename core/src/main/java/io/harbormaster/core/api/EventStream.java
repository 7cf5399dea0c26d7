package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.NodeEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The node's events as the client reads them from {@code /api/v1/events}, one at a time, in order. */
public final class EventStream implements AutoCloseable {

    private final BufferedReader reader;
    private final ObjectMapper json;

    EventStream(InputStream body, ObjectMapper json) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.json = json;
    }

    /**
     * Blocks until the next event; empty when the node closed the stream.
     *
     * @throws IOException if the connection broke
     */
    public Optional<NodeEvent> next() throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    return Optional.of(json.readValue(data.toString(), NodeEvent.class));
                }
                continue;
            }
            if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
            // "id:" and "event:" repeat what the data says; ":" lines are heartbeats
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
