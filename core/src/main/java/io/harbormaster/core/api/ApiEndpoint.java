package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** What {@code api.json} says: where the node's API listens and which process serves it. */
public record ApiEndpoint(int port, long pid, String nodeId, Instant startedAt) {

    private static final ObjectMapper JSON = ApiJson.jsonMapper();

    static ApiEndpoint read(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(file), ApiEndpoint.class);
    }

    void write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(this));
        PrivateFiles.moveIntoPlace(tmp, file);
    }
}
