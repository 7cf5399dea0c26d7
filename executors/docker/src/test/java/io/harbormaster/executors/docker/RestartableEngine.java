package io.harbormaster.executors.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test's own dockerd, with or without {@code --live-restore}, set up like {@code .ci/docker-engine} does (own socket,
 * data root and exec root, no bridge, no iptables) and torn down by that script's {@code stop}, which
 * removes its containers, stops it by its pid file and unmounts what it left under its directory.
 */
public final class RestartableEngine implements AutoCloseable {

    private static final Duration PING_WITHIN = Duration.ofSeconds(60);
    private static final Path SCRIPT = findScript();

    private final Path dir;
    private final boolean liveRestore;
    private Process dockerd;
    private DockerClient client;

    private RestartableEngine(Path dir, boolean liveRestore) {
        this.dir = dir;
        this.liveRestore = liveRestore;
    }

    /** Starts the engine and loads the test image into it from the shared test engine. */
    public static RestartableEngine start(Path dir, DockerClient imageSource, boolean liveRestore)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        RestartableEngine engine = new RestartableEngine(dir.toAbsolutePath(), liveRestore);
        engine.launch();
        try (InputStream image = imageSource.saveImageCmd(TestEngine.IMAGE).exec()) {
            engine.client.loadImageCmd(image).exec();
        }
        return engine;
    }

    /** The repository's engine script, found from any module's directory. */
    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(".ci").resolve("docker-engine");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        return Path.of("../../.ci/docker-engine");
    }

    public static boolean canRun() {
        return Files.isExecutable(SCRIPT) && "root".equals(System.getProperty("user.name"))
                && List.of(System.getenv("PATH").split(":")).stream().anyMatch(p -> Files.isExecutable(Path.of(p, "dockerd")));
    }

    public String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    public DockerClient docker() {
        return client;
    }

    /**
     * SIGTERM, wait for the exit, start again: with live-restore, running containers carry on; without it,
     * the engine stops them on its way down.
     */
    public void restart() throws IOException, InterruptedException {
        stop();
        startAgain();
    }

    /** SIGTERM and wait for the exit: the engine is down until {@link #startAgain}. */
    public void stop() throws IOException, InterruptedException {
        client.close();
        dockerd.destroy();
        if (!dockerd.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("dockerd did not stop within 60 s");
        }
    }

    /** Starts the stopped engine again on the same socket and data. */
    public void startAgain() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dockerd", "--storage-driver=vfs", "--iptables=false",
                "--ip6tables=false", "--bridge=none", "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
                "-H", host()));
        if (liveRestore) {
            command.add(1, "--live-restore");
        }
        dockerd = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
                .start();
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host()).build();
        client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
        long deadline = System.nanoTime() + PING_WITHIN.toNanos();
        while (!answers()) {
            if (!dockerd.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("dockerd (live-restore " + liveRestore + ") did not answer; its log:\n"
                        + Files.readString(dir.resolve("dockerd.log")));
            }
            Thread.sleep(100);
        }
    }

    private boolean answers() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        try {
            stopThroughScript();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the test's own engine", interrupted);
        }
    }

    private void stopThroughScript() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stop.log").toFile()))
                .start();
        if (!stop.waitFor(90, TimeUnit.SECONDS)) {
            stop.destroyForcibly();
            throw new AssertionError("stopping the test's own engine took over 90 s; see " + dir.resolve("stop.log"));
        }
        if (dockerd != null && dockerd.isAlive()) {
            dockerd.destroyForcibly();
        }
    }
}
