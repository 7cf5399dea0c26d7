package io.harbormaster.core.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM running one of the test mains on this test run's class path. */
final class PipedChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader stdout;

    private PipedChildJvm(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static PipedChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new PipedChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The child's raw stdout, for a caller that reads it on a thread of its own. */
    java.io.InputStream stdout() {
        return process.getInputStream();
    }

    long pid() {
        return process.pid();
    }

    /** The next line of the child's stdout that starts with {@code prefix}, or null at end of stream. */
    String nextLineStartingWith(String prefix) throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    /** Closes the child's stdin (a holder then closes its store and exits) and waits for it to end. */
    int endInputAndWait() throws IOException, InterruptedException {
        process.getOutputStream().close();
        return process.waitFor();
    }

    /**
     * SIGKILL: no shutdown hook, no close, nothing flushed. Through the process handle, which (unlike
     * {@code Process.destroyForcibly}) leaves our end of the pipe open: what the child printed before it
     * died can still be read to the end.
     */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        stdout.close();
    }
}
