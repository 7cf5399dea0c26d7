package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns a plugin process and waits for its handshake. The plugin's stdin is /dev/null and its stderr
 * a file, so once the handshake is read nothing ties it to the node: it outlives a SIGKILLed node.
 *
 * <p>The token travels in the environment ({@value #TOKEN_ENV}), never in argv where {@code ps} shows
 * it; the node keeps only the token file's name in the {@link ReattachConfig}.
 */
public final class PluginLauncher {

    public static final String MAIN_CLASS = "io.harbormaster.executors.plugin.PluginMain";
    /**
     * The plugin's own SLF4J backend, named in {@code slf4j.provider} so SLF4J takes it without searching the
     * classpath: logback, there for the node, would cost each plugin a few hundred classes.
     */
    public static final String LOG_PROVIDER = "io.harbormaster.executors.plugin.PluginLogProvider";
    public static final String TOKEN_ENV = "HARBORMASTER_PLUGIN_TOKEN";
    public static final String PROTOCOL = "harbormaster-plugin";
    /** Shows in {@code ps}: which executor a Harbormaster plugin process hosts. */
    public static final String TYPE_PROPERTY = "harbormaster.plugin";
    public static final String NAME_PROPERTY = "harbormaster.plugin.name";

    private static final Logger LOG = LoggerFactory.getLogger(PluginLauncher.class);
    private static final int HANDSHAKE_MAX_CHARS = 4096;
    private static final int STDERR_TAIL_BYTES = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** sun_path is 108 bytes on Linux, including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final PluginLaunchSpec spec;

    public PluginLauncher(PluginLaunchSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * Starts the plugin and returns how to find it again.
     *
     * @throws PluginLaunchException if it exits early, prints garbage or prints nothing in time; the process
     *                               is killed (we just started it) and the message ends with its stderr tail
     */
    public ReattachConfig launch() {
        PluginFiles files = spec.files();
        int socketBytes = files.socket().toString().getBytes(StandardCharsets.UTF_8).length;
        if (socketBytes > MAX_SOCKET_PATH_BYTES) {
            throw new PluginLaunchException("the plugin socket path " + files.socket() + " is " + socketBytes
                    + " bytes, more than a Unix socket allows (" + MAX_SOCKET_PATH_BYTES + "); use a shorter runtime dir",
                    -1, null);
        }
        String token = newToken();
        long stderrStart;
        try {
            files.createRuntimeDir();
            files.writeToken(token);
            stderrStart = prepareStderrLog(files.stderrLog());
        } catch (IOException e) {
            throw new PluginLaunchException("cannot prepare the plugin runtime dir " + files.runtimeDir() + ": " + e, -1, e);
        }
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(files.stderrLog().toFile()));
        builder.environment().put(TOKEN_ENV, token);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PluginLaunchException("cannot start plugin " + files.name() + " with " + spec.javaBinary()
                    + ": " + e.getMessage(), -1, e);
        }
        try {
            PluginHandshake handshake = awaitHandshake(process);
            if (!handshake.socketPath().equals(files.socket())) {
                throw new PluginProtocolException("the plugin serves on " + handshake.socketPath() + ", expected "
                        + files.socket());
            }
            Instant started = process.info().startInstant().orElseThrow(
                    () -> new PluginProtocolException("the start time of pid " + process.pid() + " is unreadable"));
            closeQuietly(process.getInputStream()); // the plugin writes nothing more to stdout
            LOG.info("Plugin {} (executor {}) started: pid {}, socket {}", files.name(), spec.executorType(),
                    process.pid(), files.socket());
            return new ReattachConfig(PROTOCOL, handshake.appVersion(), files.socket().toString(), process.pid(),
                    started, files.token().getFileName().toString());
        } catch (PluginException e) {
            kill(process);
            throw new PluginLaunchException("plugin " + files.name() + " (pid " + process.pid() + ") failed to start: "
                    + e.getMessage() + stderrTail(files.stderrLog(), stderrStart), process.pid(), e);
        }
    }

    /** The full command line; package-visible so a test can prove the token is not on it. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(spec.javaBinary().toString());
        command.add("-D" + TYPE_PROPERTY + "=" + spec.executorType());
        command.add("-D" + NAME_PROPERTY + "=" + spec.files().name());
        // before the caller's options, so one of theirs can still choose another backend
        command.add("-Dslf4j.provider=" + LOG_PROVIDER);
        // SLF4J would announce that provider on stderr at each start; its warnings and errors still show
        command.add("-Dslf4j.internal.verbosity=WARN");
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(spec.classpath());
        command.add(spec.mainClass());
        command.addAll(List.of("--executor", spec.executorType(),
                "--runtime-dir", spec.files().runtimeDir().toString(),
                "--node-id", spec.nodeId(),
                "--data-dir", spec.dataDir().toAbsolutePath().toString(),
                "--name", spec.files().name()));
        if (spec.idleExit() != null) {
            command.addAll(List.of("--idle-exit", Long.toString(Math.max(1, spec.idleExit().toSeconds()))));
        }
        spec.settings().forEach((key, value) -> command.addAll(List.of("--setting", key + "=" + value)));
        return command;
    }

    private PluginHandshake awaitHandshake(Process process) {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread reader = new Thread(() -> line.complete(firstLine(process.getInputStream())), "plugin-handshake-reader");
        reader.setDaemon(true);
        reader.start();
        Duration timeout = spec.handshakeTimeout();
        try {
            String first = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                process.waitFor(1, TimeUnit.SECONDS);
                String exit = process.isAlive() ? "closed its stdout" : "exited with code " + process.exitValue();
                throw new PluginProtocolException("it " + exit + " before printing a handshake");
            }
            return PluginHandshake.parse(first);
        } catch (TimeoutException e) {
            throw new PluginProtocolException("it printed no handshake within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new PluginProtocolException("its handshake could not be read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginProtocolException("interrupted while waiting for its handshake");
        }
    }

    /** Reads up to the first newline; a plugin printing a flood without one is cut off, not buffered. */
    private static String firstLine(InputStream stdout) {
        StringBuilder line = new StringBuilder();
        try {
            int b;
            while ((b = stdout.read()) >= 0 && b != '\n' && line.length() < HANDSHAKE_MAX_CHARS) {
                line.append((char) b);
            }
            return b < 0 && line.length() == 0 ? null : line.toString();
        } catch (IOException e) {
            return line.length() == 0 ? null : line.toString();
        }
    }

    private static long prepareStderrLog(Path log) throws IOException {
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PluginFiles.OWNER_ONLY_FILE));
        }
        return Files.size(log);
    }

    /** What this launch wrote to stderr, at most the last 2 KiB, for the error message. */
    static String stderrTail(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.max(from, all.length - STDERR_TAIL_BYTES);
            String tail = new String(all, Math.min(start, all.length), all.length - Math.min(start, all.length),
                    StandardCharsets.UTF_8).strip();
            return tail.isEmpty() ? " (its stderr " + log + " is empty)" : "; stderr " + log + " ends with:\n" + tail;
        } catch (IOException e) {
            return " (its stderr " + log + " is unreadable: " + e.getMessage() + ")";
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // we only stop listening; the plugin has closed its end already
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
