package io.harbormaster.core.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.json.IsoInstants;
import io.harbormaster.core.json.JsonCursor;
import io.harbormaster.core.json.JsonLine;
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
 * The exit record {@code {"exitCode":N,"finishedAt":"ISO-8601","detail":"..."}} beside an execution's
 * output, in the file {@link ExecutionFiles#exit()} names. Every executor writes it the same way, so any
 * executor of the type (a new plugin, the node itself) reads a result another one wrote. Written whole or
 * not at all (temp file, then move), so a reader never sees half a record.
 */
public final class ExitRecord {

    private ExitRecord() {
    }

    /** For records in another shape than {@link #write} gives them; built on first use, as few plugins need it. */
    private static final class Tree {

        static final ObjectMapper JSON = new ObjectMapper();
    }

    /**
     * Writes the record by hand, in the text Jackson wrote before (a test holds them equal): a plugin writes one
     * per execution, and this way it never loads Jackson's databind for it.
     */
    public static void write(Path file, ExitResult exit) throws IOException {
        JsonLine record = new JsonLine().beginObject();
        if (exit.exitCode() == null) {
            record.nullMember("exitCode");
        } else {
            record.member("exitCode", exit.exitCode().longValue());
        }
        String text = record.member("finishedAt", exit.finishedAt()).member("detail", exit.detail()).endObject()
                .toString();
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The record, or empty when there is none yet; a record without {@code finishedAt} takes the file's time. */
    public static Optional<ExitResult> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        Optional<ExitResult> written = readAsWritten(text);
        if (written.isPresent()) {
            return written;
        }
        try {
            JsonNode node = Tree.JSON.readTree(text);
            JsonNode code = node.path("exitCode");
            Integer exitCode = code.isIntegralNumber() ? code.intValue() : null;
            JsonNode finished = node.path("finishedAt");
            Instant finishedAt = finished.isTextual() ? IsoInstants.parse(finished.textValue())
                    : Files.getLastModifiedTime(file).toInstant();
            JsonNode detail = node.path("detail");
            return Optional.of(new ExitResult(exitCode, finishedAt, detail.isTextual() ? detail.textValue() : null));
        } catch (JsonProcessingException | DateTimeParseException damaged) {
            throw new IOException("exit record " + file + " is damaged: " + damaged.getMessage(), damaged);
        }
    }

    /**
     * The record in the shape {@link #write} gives it, read by hand: a plugin reads one per execution on every
     * reattach, interpreted, and a JSON tree plus the JDK's date parser cost it more than the rest of its answer.
     * Empty for anything else (a record without its time, a field added later, damage): the tree reads those.
     */
    private static Optional<ExitResult> readAsWritten(String text) {
        try {
            JsonCursor in = new JsonCursor(text);
            Integer exitCode = null;
            String finishedAt = null;
            String detail = null;
            boolean codeSeen = false;
            in.expect('{');
            for (boolean first = true; in.nextMember(first); first = false) {
                String name = in.name();
                if ("exitCode".equals(name) && !codeSeen) {
                    exitCode = in.consumeNull() ? null : in.intValue();
                    codeSeen = true;
                } else if ("finishedAt".equals(name) && finishedAt == null) {
                    finishedAt = in.string();
                } else if ("detail".equals(name) && detail == null) {
                    detail = in.string();
                } else {
                    return Optional.empty();
                }
            }
            in.end();
            if (finishedAt == null) {
                return Optional.empty();
            }
            return Optional.of(new ExitResult(exitCode, IsoInstants.parse(finishedAt), detail));
        } catch (JsonCursor.Unexpected | DateTimeParseException other) {
            return Optional.empty();
        }
    }
}
