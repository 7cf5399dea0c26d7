package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the node sends a plugin on a reattach, seen by a scripted plugin on a real Unix socket: a plugin started
 * before a node upgrade (app protocol 1) must get the hello it knows, never a field it would refuse.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginClientProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "t".repeat(64);
    private static final PluginWire.Info INFO = new PluginWire.Info(4242, Instant.parse("2026-11-28T10:00:00Z"),
            "d-1", "wasm", 1, 1, 1);

    @TempDir
    Path temp;
    private final PluginCodec codec = new PluginCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPluginOfTheOlderProtocolGetsItsOwnHelloThenARecoverOnTheSameConnection() throws Exception {
        Path socket = temp.resolve("v1.sock");
        List<String> received = new ArrayList<>();
        CompletableFuture<Void> plugin = serveOnce(socket, channel -> {
            received.add(channel.readLine(WAIT));
            channel.writeLine(codec.encode(PluginWire.Reply.result(1, codec.tree(INFO))), WAIT);
            received.add(channel.readLine(WAIT));
            channel.writeLine(codec.encode(PluginWire.Reply.result(2, codec.tree(new PluginWire.RecoverResult(
                    Map.of("e-1", new Observation.Running("alive")))))), WAIT);
        });

        PluginClient.Reattached answer = new PluginClient(socket, TOKEN, WAIT, 1).reattach(List.of(ref("e-1")));
        plugin.get(30, TimeUnit.SECONDS);

        JsonNode hello = json.readTree(received.get(0));
        assertThat(hello.path("op").asText()).isEqualTo("hello");
        assertThat(hello.path("body").path("appVersion").asInt()).isEqualTo(1);
        assertThat(hello.path("body").has("recover")).as("a v1 plugin refuses unknown fields").isFalse();
        JsonNode recover = json.readTree(received.get(1));
        assertThat(recover.path("op").asText()).isEqualTo("recover");
        assertThat(recover.path("body").path("refs").get(0).has("reattach")).isFalse();
        assertThat(answer.info()).isEqualTo(INFO);
        assertThat(answer.observations().orElseThrow().get("e-1")).isInstanceOf(Observation.Running.class);
    }

    @Test
    void aPluginOfTheCurrentProtocolIsAskedInTheHelloItselfAndAnswersOnce() throws Exception {
        Path socket = temp.resolve("v2.sock");
        List<String> received = new ArrayList<>();
        CompletableFuture<Void> plugin = serveOnce(socket, channel -> {
            received.add(channel.readLine(WAIT));
            channel.writeLine(codec.encode(PluginWire.Reply.result(1, codec.tree(new PluginWire.Welcome(INFO,
                    new PluginWire.RecoverResult(Map.of("e-1", new Observation.Gone("no such thing"))), null)))), WAIT);
            received.add(channel.readLine(WAIT)); // the client closes: nothing more is sent
        });

        PluginClient.Reattached answer = new PluginClient(socket, TOKEN, WAIT, PluginHandshake.APP_PROTOCOL_VERSION)
                .reattach(List.of(ref("e-1")));
        plugin.get(30, TimeUnit.SECONDS);

        JsonNode hello = json.readTree(received.get(0));
        assertThat(hello.path("body").path("appVersion").asInt()).isEqualTo(PluginHandshake.APP_PROTOCOL_VERSION);
        assertThat(hello.path("body").path("recover").path("refs").get(0).path("executionId").asText())
                .isEqualTo("e-1");
        assertThat(received.get(1)).as("one round trip: nothing after the hello").isNull();
        assertThat(answer.observations().orElseThrow().get("e-1")).isInstanceOf(Observation.Gone.class);
    }

    @Test
    void aWelcomeWhoseExecutorFailedStillProvesThePluginAndLeavesTheQuestionOpen() throws Exception {
        Path socket = temp.resolve("v2-failed.sock");
        CompletableFuture<Void> plugin = serveOnce(socket, channel -> {
            channel.readLine(WAIT);
            channel.writeLine(codec.encode(PluginWire.Reply.result(1, codec.tree(new PluginWire.Welcome(INFO, null,
                    new PluginWire.Failure(PluginWire.EXECUTOR_FAILED, "engine down"))))), WAIT);
        });

        PluginClient.Reattached answer = new PluginClient(socket, TOKEN, WAIT, PluginHandshake.APP_PROTOCOL_VERSION)
                .reattach(List.of(ref("e-1")));
        plugin.get(30, TimeUnit.SECONDS);

        assertThat(answer.info().pid()).isEqualTo(4242);
        assertThat(answer.observations()).isEmpty();
    }

    @Test
    void aServingPluginOfTheOlderProtocolIsFoundAndAdoptedInItsOwnProtocol() throws Exception {
        PluginFiles files = new PluginFiles(temp.resolve("run"), "d-old");
        files.createRuntimeDir();
        files.writeToken(TOKEN);
        ProcessHandle self = ProcessHandle.current();
        PluginWire.Info older = new PluginWire.Info(self.pid(), self.info().startInstant().orElseThrow(), "d-old",
                "wasm", 1, PluginHandshake.OLDEST_APP_PROTOCOL_VERSION, 1);
        List<Integer> helloVersions = new ArrayList<>();
        // as a plugin of app protocol 1 does: another version is refused, its own is answered
        CompletableFuture<Void> plugin = serve(files.socket(), 2, channel -> {
            PluginWire.Request request = codec.readRequest(channel.readLine(WAIT));
            int app = codec.body(request.body(), PluginWire.Hello.class).appVersion();
            helloVersions.add(app);
            channel.writeLine(codec.encode(app == PluginHandshake.OLDEST_APP_PROTOCOL_VERSION
                    ? PluginWire.Reply.result(1, codec.tree(older))
                    : PluginWire.Reply.failure(1, PluginWire.VERSION_MISMATCH, "the client speaks protocol 1/" + app
                            + ", this plugin 1/1")), WAIT);
        });

        var found = PluginProcess.findServing(files, "wasm", WAIT);
        plugin.get(30, TimeUnit.SECONDS);

        assertThat(helloVersions).containsExactly(PluginHandshake.APP_PROTOCOL_VERSION,
                PluginHandshake.OLDEST_APP_PROTOCOL_VERSION);
        assertThat(found).hasValueSatisfying(config -> {
            assertThat(config.protocolVersion()).isEqualTo(PluginHandshake.OLDEST_APP_PROTOCOL_VERSION);
            assertThat(config.pid()).isEqualTo(self.pid());
        });
    }

    private interface Script {
        void run(PluginLineChannel channel);
    }

    /** A plugin that serves one connection with {@code script} on its own thread. */
    private CompletableFuture<Void> serveOnce(Path socket, Script script) throws IOException {
        return serve(socket, 1, script);
    }

    /** A plugin that serves {@code connections} connections in turn, each with {@code script}, on its own thread. */
    private CompletableFuture<Void> serve(Path socket, int connections, Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.runAsync(() -> {
            try (server) {
                for (int i = 0; i < connections; i++) {
                    try (PluginLineChannel channel = new PluginLineChannel(server.accept(), "test client")) {
                        script.run(channel);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private ExecutionRef ref(String id) {
        return new ExecutionRef(id, null, new io.harbormaster.core.execution.ReattachConfig(PluginLauncher.PROTOCOL,
                1, temp.resolve("v1.sock").toString(), 4242, INFO.startedAt(), "d-1.token"),
                ExecutionFiles.under(temp, id));
    }
}
