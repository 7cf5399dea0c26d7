package io.harbormaster.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiFileTailTest {

    @TempDir
    Path tmp;

    @Test
    void missingFileYieldsNothingUntilItAppears() throws IOException {
        Path file = tmp.resolve("late.log");
        FileTail tail = new FileTail(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(tail.copyNewBytes(out)).isZero();
        Files.writeString(file, "hello\n");
        assertThat(tail.copyNewBytes(out)).isEqualTo(6);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
    }

    @Test
    void eachReadCopiesOnlyWhatWasAppendedSinceTheLast() throws IOException {
        Path file = tmp.resolve("grow.log");
        Files.writeString(file, "one\n");
        FileTail tail = new FileTail(file);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        tail.copyNewBytes(first);

        Files.writeString(file, "two\n", StandardOpenOption.APPEND);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        tail.copyNewBytes(second);

        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("two\n");
        assertThat(tail.position()).isEqualTo(8);
        assertThat(tail.copyNewBytes(new ByteArrayOutputStream())).isZero();
    }

    @Test
    void startOffsetSkipsWhatCameBefore() throws IOException {
        Path file = tmp.resolve("offset.log");
        Files.writeString(file, "skip-keep");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FileTail(file, 5).copyNewBytes(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("keep");
    }

    @Test
    void truncatedFileIsReadAgainFromItsStart() throws IOException {
        Path file = tmp.resolve("rotated.log");
        Files.writeString(file, "a long first line\n");
        FileTail tail = new FileTail(file);
        tail.copyNewBytes(new ByteArrayOutputStream());

        Files.writeString(file, "new\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tail.copyNewBytes(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("new\n");
    }

    @Test
    void largeFileIsCopiedWhole() throws IOException {
        Path file = tmp.resolve("big.log");
        byte[] content = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(new FileTail(file).copyNewBytes(out)).isEqualTo(content.length);
        assertThat(out.toByteArray()).isEqualTo(content);
    }
}
