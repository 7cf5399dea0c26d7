package io.harbormaster.executors.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.harbormaster.core.executor.ExitResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The exit record {@code {"exitCode":N,"finishedAt":"...","detail":"..."}} every executor writes
 * beside the output. Temp file then rename, so a crash never leaves half a record.
 */
final class ExitRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExitRecord() {
    }

    static void write(Path file, ExitResult exit) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        if (exit.exitCode() == null) {
            node.putNull("exitCode");
        } else {
            node.put("exitCode", exit.exitCode());
        }
        node.put("finishedAt", exit.finishedAt().toString());
        if (exit.detail() != null) {
            node.put("detail", exit.detail());
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Optional<ExitResult> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode code = node.path("exitCode");
            JsonNode finished = node.path("finishedAt");
            JsonNode detail = node.path("detail");
            return Optional.of(new ExitResult(code.isIntegralNumber() ? code.intValue() : null,
                    finished.isTextual() ? Instant.parse(finished.textValue()) : Files.getLastModifiedTime(file).toInstant(),
                    detail.isTextual() ? detail.textValue() : null));
        } catch (JsonProcessingException | DateTimeParseException damaged) {
            throw new IOException("exit record " + file + " is damaged: " + damaged.getMessage(), damaged);
        }
    }
}
