package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a plugin again from its {@link ReattachConfig}. A pid alone proves nothing: the persisted start
 * time must match too, or the pid now belongs to a stranger we must neither talk to nor signal.
 */
public final class PluginProcess {

    private static final Logger LOG = LoggerFactory.getLogger(PluginProcess.class);

    private PluginProcess() {
    }

    /** Checks pid and start time, then pings over the socket with the persisted token within {@code timeout}. */
    public static PluginReattach reattach(ReattachConfig config, Duration timeout) {
        return reattach(config, timeout, List.of());
    }

    /**
     * Checks pid and start time, then says hello with the persisted token and, on the same connection, asks what
     * the plugin still has of {@code refs} (none: a ping). The observations are in the result when it could give
     * them; the caller asks apart otherwise.
     */
    public static PluginReattach reattach(ReattachConfig config, Duration timeout, List<ExecutionRef> refs) {
        Optional<ProcessHandle> process = ProcessHandle.of(config.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return new PluginReattach(PluginReattach.Status.DEAD, "pid " + config.pid() + " is not running",
                    Optional.empty());
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (started.isEmpty() || !started.get().equals(config.processStart())) {
            return new PluginReattach(PluginReattach.Status.PID_REUSED, "pid " + config.pid()
                    + " alive but started at " + started.map(Instant::toString).orElse("an unreadable time")
                    + ", not " + config.processStart() + ": pid reused by another process, not ours",
                    Optional.empty());
        }
        String ours = "pid " + config.pid() + " alive, start time matches";
        if (!PluginLauncher.PROTOCOL.equals(config.protocol()) || !PluginHandshake.speaks(config.protocolVersion())) {
            return notResponding(ours + ", but it speaks " + config.protocol() + " v" + config.protocolVersion()
                    + " and this node " + PluginLauncher.PROTOCOL + " v" + PluginHandshake.spoken());
        }
        long begin = System.nanoTime();
        try {
            PluginClient.Reattached answer = client(config, timeout).reattach(refs);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            PluginWire.Info info = answer.info();
            if (info.pid() != config.pid()) {
                return notResponding(ours + ", but the socket is served by pid " + info.pid());
            }
            return new PluginReattach(PluginReattach.Status.RESPONDING, ours + ", ping " + millis + " ms",
                    Optional.of(info), answer.observations());
        } catch (PluginException e) {
            return notResponding(ours + ", but ping failed: " + e.getMessage());
        }
    }

    /**
     * The plugin already serving on {@code files}' socket, if it proves ours: it answers with the token in our
     * 0700 runtime dir, runs {@code executorType} on this node's protocol, and its pid has the start time it
     * reports. A node killed after launching a plugin but before persisting its config leaves exactly this;
     * a new plugin of the same name would be refused the socket, so the caller adopts this one instead.
     */
    public static Optional<ReattachConfig> findServing(PluginFiles files, String executorType, Duration timeout) {
        if (!Files.exists(files.socket()) || !Files.isReadable(files.token())) {
            return Optional.empty();
        }
        PluginWire.Info info;
        try {
            String token = Files.readString(files.token(), StandardCharsets.UTF_8).strip();
            info = hello(files, token, timeout);
        } catch (IOException | PluginException nobody) {
            return Optional.empty();
        }
        boolean sameProcess = ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant()).map(info.startedAt()::equals).orElse(false);
        if (!sameProcess || !executorType.equals(info.executorType())
                || !PluginHandshake.speaks(info.appVersion())) {
            LOG.warn("Plugin socket {} is served by pid {} ({} v{}), which this node cannot adopt", files.socket(),
                    info.pid(), info.executorType(), info.appVersion());
            return Optional.empty();
        }
        return Optional.of(new ReattachConfig(PluginLauncher.PROTOCOL, info.appVersion(), files.socket().toString(),
                info.pid(), info.startedAt(), files.token().getFileName().toString()));
    }

    /**
     * Says hello in this node's protocol and, if the plugin refuses it as another version, in the oldest one it
     * still speaks: a plugin an older node launched just before it was killed and upgraded is adopted too.
     */
    private static PluginWire.Info hello(PluginFiles files, String token, Duration timeout) {
        try {
            return new PluginClient(files.socket(), token, timeout).reattach(List.of()).info();
        } catch (PluginProtocolException otherVersion) {
            if (PluginHandshake.OLDEST_APP_PROTOCOL_VERSION == PluginHandshake.APP_PROTOCOL_VERSION) {
                throw otherVersion;
            }
            return new PluginClient(files.socket(), token, timeout, PluginHandshake.OLDEST_APP_PROTOCOL_VERSION)
                    .reattach(List.of()).info();
        }
    }

    /** A client for the plugin in {@code config}, authenticated with its persisted token. */
    public static PluginClient client(ReattachConfig config, Duration timeout) {
        return new PluginClient(java.nio.file.Path.of(config.socketPath()), PluginFiles.readToken(config), timeout,
                config.protocolVersion());
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}, only when pid and start time prove the process ours.
     *
     * @return what was found and done, in one line
     */
    public static String stopIfOurs(ReattachConfig config, Duration grace) {
        Optional<ProcessHandle> process = ProcessHandle.of(config.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return "pid " + config.pid() + " is not running: nothing to stop";
        }
        if (!process.get().info().startInstant().map(config.processStart()::equals).orElse(false)) {
            LOG.warn("Not stopping pid {}: it started at another time than the plugin recorded ({})", config.pid(),
                    config.processStart());
            return "pid " + config.pid() + " was reused by another process: left alone";
        }
        ProcessHandle plugin = process.get();
        plugin.destroy();
        boolean exited = plugin.onExit().completeOnTimeout(plugin, grace.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(p -> !p.isAlive()).join();
        if (exited) {
            return "pid " + config.pid() + " stopped by SIGTERM";
        }
        plugin.destroyForcibly();
        plugin.onExit().completeOnTimeout(plugin, 10, TimeUnit.SECONDS).join();
        return "pid " + config.pid() + " ignored SIGTERM for " + grace.toMillis() + " ms: killed";
    }

    private static PluginReattach notResponding(String evidence) {
        return new PluginReattach(PluginReattach.Status.NOT_RESPONDING, evidence, Optional.empty());
    }
}
