package io.harbormaster.executors.docker;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.api.LogStream;
import io.harbormaster.core.api.SpecFormat;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.node.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real node: {@code harbormaster node --data-dir D --docker-host H} in a JVM of its own, started from
 * the test classpath, so it can be killed with SIGKILL exactly like {@code kill -9}. Its output goes to
 * files beside the data dir. Closing it kills it and its children if it still runs.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final DataDirectory dataDir;
    private final Path stdout;
    private final Path stderr;

    private NodeProcess(Process process, DataDirectory dataDir, Path stdout, Path stderr) {
        this.process = process;
        this.dataDir = dataDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts a node and returns once it has recovered and its API answers.
     *
     * @param systemProperties "-Dkey=value" options for the node's JVM (the executor's test hooks)
     */
    public static NodeProcess start(Path dataDir, String name, String dockerHost, List<String> nodeOptions,
                             List<String> systemProperties) throws IOException, InterruptedException {
        NodeProcess node = launch(dataDir, name, dockerHost, nodeOptions, systemProperties);
        node.awaitReady();
        return node;
    }

    /**
     * Starts a node and returns at once, while it may still be recovering: for a test that kills it there.
     * Call {@link #awaitReady} before using its API.
     */
    public static NodeProcess launch(Path dataDir, String name, String dockerHost, List<String> nodeOptions,
                                     List<String> systemProperties) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.harbormaster.core.cli.Main");
        command.addAll(List.of("node", "--data-dir", dataDir.toString(), "--docker-host", dockerHost));
        command.addAll(nodeOptions);
        Path out = dataDir.resolveSibling(name + ".out");
        Path err = dataDir.resolveSibling(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new NodeProcess(process, new DataDirectory(dataDir), out, err);
    }

    /** True once the node printed its "running" line: recovery is done and the API listens. */
    public boolean isReady() throws IOException {
        return Files.exists(stdout) && Files.readString(stdout, StandardCharsets.UTF_8).contains(" running on ");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The node prints its "running" line only after recovery is done and the API listens. */
    public void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!Files.readString(stdout, StandardCharsets.UTF_8).contains(" running on ")) {
            if (!process.isAlive()) {
                throw new AssertionError("node exited with " + process.exitValue() + " before it was ready; stderr:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node not ready within " + READY_WITHIN + "; stderr:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
    }

    public ApiClient api() {
        return ApiClient.connect(dataDir);
    }

    public String submit(String yaml) {
        return api().submit(yaml, SpecFormat.YAML).executionId();
    }

    public Execution execution(String executionId) {
        return api().describe(executionId).execution();
    }

    /** Polls the node until the execution matches, failing after {@code within}. */
    public Execution awaitExecution(String executionId, Predicate<Execution> condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Execution current = execution(executionId);
        while (!condition.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution " + executionId + " still " + current.state() + " ("
                        + current.reason() + ") after " + within);
            }
            Thread.sleep(100);
            current = execution(executionId);
        }
        return current;
    }

    public String stdoutOf(String executionId) throws IOException {
        try (InputStream logs = api().logs(executionId, false, LogStream.STDOUT)) {
            return new String(logs.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The node id, as stored in the data dir (and put on every container's label). */
    public String nodeId() throws IOException {
        return Files.readString(dataDir.nodeIdFile(), StandardCharsets.UTF_8).trim();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs. Children (plugins) are left alive, as after a real {@code kill -9}. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + pid() + " survived SIGKILL for 30 s");
        }
    }

    public String log() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
