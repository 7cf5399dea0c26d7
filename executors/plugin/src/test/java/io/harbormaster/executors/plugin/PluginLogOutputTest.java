package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Where a plugin's lines go: stderr until the file takes over, then the file alone, each line there at once. */
class PluginLogOutputTest {

    private static final Pattern FILE_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} (INFO |WARN |ERROR|DEBUG|TRACE) \\[[^\\]]+\\] \\S+ - .*");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PluginLogOutput output = new PluginLogOutput(new PrintStream(stderr, true, StandardCharsets.UTF_8),
            TimeZone.getDefault());
    private final PluginLoggerFactory factory = new PluginLoggerFactory("INFO", output);

    @Test
    void linesGoToStderrUntilTheFileTakesOverThenToTheFileAloneAppendedAndAtOnce() throws Exception {
        Path file = temp.resolve("d-1.log");
        Files.writeString(file, "an earlier run's line\n");
        Logger logger = factory.getLogger("io.harbormaster.executors.plugin.PluginMain");

        logger.info("before the handshake");
        output.useFile(file);
        logger.info("serving on {}", "d-1.sock");

        assertThat(output.toFile()).isTrue();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).matches(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  PluginMain - before the handshake" + System.lineSeparator())
                .doesNotContain("serving");
        // read while the output is still open: nothing waits in a buffer for a crash to lose
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2).first().isEqualTo("an earlier run's line");
        assertThat(lines.get(1)).matches(FILE_LINE)
                .endsWith(" INFO  [" + Thread.currentThread().getName()
                        + "] i.h.executors.plugin.PluginMain - serving on d-1.sock");
    }

    @Test
    void aThrowableFollowsItsLineInTheFile() throws Exception {
        Path file = temp.resolve("d-2.log");
        output.useFile(file);

        factory.getLogger("a.B").error("it broke", new IllegalStateException("boom"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).matches(FILE_LINE).endsWith(" ERROR [" + Thread.currentThread().getName()
                + "] a.B - it broke");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(lines.get(2)).startsWith("\tat io.harbormaster.executors.plugin.PluginLogOutputTest.");
        assertThat(stderr.size()).isZero();
    }

    @Test
    void aFileThatCannotBeOpenedLeavesTheLinesOnStderrAndSaysWhy() {
        Path directory = temp.resolve("a-dir");
        directory.toFile().mkdir();

        output.useFile(directory);
        factory.getLogger("a.B").info("still here");

        assertThat(output.toFile()).isFalse();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("cannot log to " + directory)
                .contains("INFO  B - still here");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void linesOfManyThreadsNeverInterleave() throws Exception {
        Path file = temp.resolve("d-3.log");
        output.useFile(file);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Logger logger = factory.getLogger("io.harbormaster.T" + t);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    logger.info("line {} of a thread with a message long enough to be written in more than one go {}",
                            i, "x".repeat(200));
                }
            }, "writer-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(8 * 500).allMatch(line -> FILE_LINE.matcher(line).matches()
                && line.endsWith("x".repeat(200)));
        for (int t = 0; t < 8; t++) {
            String thread = "[writer-" + t + "] io.harbormaster.T" + t + " - ";
            assertThat(lines).filteredOn(line -> line.contains(thread)).hasSize(500);
        }
    }
}
