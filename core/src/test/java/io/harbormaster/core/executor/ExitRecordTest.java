package io.harbormaster.core.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExitRecordTest {

    private static final Instant FINISHED = Instant.parse("2026-11-29T01:12:56.471257655Z");

    @TempDir
    Path dir;

    @Test
    void aWrittenRecordReadsBackWhole() throws IOException {
        Path file = dir.resolve("exit.json");
        for (ExitResult exit : new ExitResult[] {new ExitResult(0, FINISHED, null),
                new ExitResult(-9, FINISHED, "trap: \"unreachable\"\nat func 3"), new ExitResult(null, FINISHED, "lost")}) {
            ExitRecord.write(file, exit);
            assertThat(ExitRecord.read(file)).contains(exit);
        }
    }

    @Test
    void aRecordIsTheTextJacksonWroteBefore() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path file = dir.resolve("exit.json");
        for (ExitResult exit : new ExitResult[] {new ExitResult(0, FINISHED, null),
                new ExitResult(137, Instant.parse("2026-11-29T01:12:56Z"), "killed \\ \"9\"\t\u0001é"),
                new ExitResult(null, FINISHED, "")}) {
            ObjectNode node = json.createObjectNode();
            if (exit.exitCode() == null) {
                node.putNull("exitCode");
            } else {
                node.put("exitCode", exit.exitCode());
            }
            node.put("finishedAt", exit.finishedAt().toString());
            if (exit.detail() != null) {
                node.put("detail", exit.detail());
            }

            ExitRecord.write(file, exit);

            assertThat(Files.readString(file)).isEqualTo(json.writeValueAsString(node));
        }
    }

    @Test
    void aRecordInAnotherShapeIsReadAsBefore() throws IOException {
        Path file = dir.resolve("exit.json");
        Files.writeString(file, "{ \"finishedAt\" : \"2026-11-29T01:12:56Z\", \"exitCode\" : 3, \"extra\": [1] }");
        assertThat(ExitRecord.read(file)).contains(new ExitResult(3, Instant.parse("2026-11-29T01:12:56Z"), null));

        Files.writeString(file, "{\"exitCode\":\"3\",\"finishedAt\":\"2026-11-29T01:12:56Z\"}");
        assertThat(ExitRecord.read(file).orElseThrow().exitCode()).as("a code that is no number").isNull();

        Files.writeString(file, "{\"exitCode\":4}");
        assertThat(ExitRecord.read(file).orElseThrow().finishedAt()).as("the file's time")
                .isEqualTo(Files.getLastModifiedTime(file).toInstant());
    }

    @Test
    void aDamagedRecordIsAnErrorAndAMissingOneIsEmpty() throws IOException {
        Path file = dir.resolve("exit.json");
        assertThat(ExitRecord.read(file)).isEmpty();

        Files.writeString(file, "{\"exitCode\":0,\"finishedAt\":\"2026-11-29T01:1");
        assertThatThrownBy(() -> ExitRecord.read(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged");

        Files.writeString(file, "{\"exitCode\":0,\"finishedAt\":\"not a time\"}");
        assertThatThrownBy(() -> ExitRecord.read(file)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }
}
