package io.harbormaster.executors.plugin;

import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginClient;
import io.harbormaster.core.plugin.PluginCodec;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginOp;
import io.harbormaster.core.plugin.PluginWire;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugin's protocol path against its own socket a few hundred times right after the handshake, so the
 * JVM has compiled it before a node needs it. Otherwise a plugin that served a few calls still interprets its
 * accept, hello, codec and recover code, and a node reattaching to a hundred plugins at once after a restart
 * waits on a hundred interpreters (docs/benchmarks.md, "Plugins: reattach and memory").
 *
 * <p>It asks the executor nothing: the recover it sends names no execution (a Docker executor would otherwise
 * list containers a few hundred times), and the observation kinds are warmed through the codec alone.
 */
final class PluginWarmup implements Runnable {

    /** Past the JIT's first-tier thresholds (a few hundred calls) for every method on the path. */
    static final int ROUNDS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PluginWarmup.class);

    private final Path socket;
    private final String token;

    PluginWarmup(Path socket, String token) {
        this.socket = socket;
        this.token = token;
    }

    /** Starts the warm-up on a daemon thread of the lowest priority, so a real call is never held up by it. */
    static void start(Path socket, String token) {
        Thread thread = new Thread(new PluginWarmup(socket, token), "plugin-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        long begun = System.nanoTime();
        PluginClient client = new PluginClient(socket, token, TIMEOUT);
        PluginCodec codec = new PluginCodec();
        PluginWire.RecoverResult sample = sampleResult();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                client.reattach(List.of());
                client.call(PluginOp.RECOVER, new PluginWire.RecoverCall(List.of()),
                        PluginWire.RecoverResult.class);
                codec.body(codec.readReply(codec.encode(PluginWire.Reply.result(round, codec.tree(sample)))).body(),
                        PluginWire.RecoverResult.class);
            }
            LOG.info("Protocol path warmed up in {} ms ({} rounds)", (System.nanoTime() - begun) / 1_000_000, ROUNDS);
        } catch (PluginException e) {
            // the plugin is shutting down already, or its socket is gone: nothing left to warm
            LOG.debug("Warm-up stopped: {}", e.getMessage());
        }
    }

    private static PluginWire.RecoverResult sampleResult() {
        Map<String, Observation> observations = new LinkedHashMap<>();
        observations.put("running", new Observation.Running("warm-up"));
        observations.put("exited", new Observation.Exited(0, Instant.EPOCH, "warm-up"));
        observations.put("gone", new Observation.Gone("warm-up"));
        observations.put("not-started", new Observation.NotStarted("warm-up"));
        observations.put("unknown", new Observation.Unknown("warm-up"));
        return new PluginWire.RecoverResult(observations);
    }
}
