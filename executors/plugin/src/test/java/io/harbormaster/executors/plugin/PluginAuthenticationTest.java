package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.plugin.PluginClient;
import io.harbormaster.core.plugin.PluginCodec;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLineChannel;
import io.harbormaster.core.plugin.PluginRefusedException;
import io.harbormaster.core.plugin.PluginWire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PluginAuthenticationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path temp;
    private LaunchedPlugins plugins;
    private ReattachConfig config;
    private final PluginCodec codec = new PluginCodec();

    @BeforeEach
    void setUp() {
        plugins = new LaunchedPlugins(temp);
        config = plugins.launch("docker");
    }

    @AfterEach
    void tearDown() {
        plugins.close();
    }

    @Test
    void aRequestBeforeHelloIsRefusedAndItsConnectionClosed() {
        assertRefused("{\"id\":5,\"op\":\"ping\"}", PluginWire.UNAUTHORIZED);
        assertStillServes();
    }

    @Test
    void aWrongTokenIsRefusedAndItsConnectionClosed() {
        assertRefused(hello("0".repeat(64), 1, 1), PluginWire.UNAUTHORIZED);
        assertThatThrownBy(() -> new PluginClient(Path.of(config.socketPath()), "f".repeat(64), WAIT).ping())
                .isInstanceOf(PluginRefusedException.class)
                .satisfies(e -> assertThat(((PluginRefusedException) e).code()).isEqualTo(PluginWire.UNAUTHORIZED));
        assertStillServes();
    }

    @Test
    void garbageIsRefusedAndItsConnectionClosed() {
        assertRefused("GET / HTTP/1.1", PluginWire.MALFORMED);
        assertRefused("{\"id\":1,\"op\":\"hello\"}", PluginWire.MALFORMED);
        assertStillServes();
    }

    @Test
    void aClientOfAnotherProtocolVersionIsToldSo() {
        assertRefused(hello(token(), 1, 99), PluginWire.VERSION_MISMATCH);
        assertStillServes();
    }

    @Test
    void aClientOfTheOlderProtocolIsStillServed() {
        try (PluginLineChannel channel = PluginLineChannel.connect(Path.of(config.socketPath()), WAIT)) {
            channel.writeLine(hello(token(), 1, PluginHandshake.OLDEST_APP_PROTOCOL_VERSION), WAIT);

            PluginWire.Reply reply = codec.readReply(channel.readLine(WAIT));

            assertThat(reply.type()).isEqualTo(PluginWire.RESULT);
            assertThat(codec.body(reply.body(), PluginWire.Info.class).pid()).isEqualTo(config.pid());
        }
    }

    @Test
    void aHelloCarryingARecoverWithAWrongTokenIsRefusedBeforeAnythingIsAsked() {
        String hello = codec.encode(new PluginWire.Request(1, "hello", codec.tree(new PluginWire.Hello("0".repeat(64),
                1, PluginHandshake.APP_PROTOCOL_VERSION, new PluginWire.RecoverCall(List.of())))));

        assertRefused(hello, PluginWire.UNAUTHORIZED);
        assertStillServes();
    }

    @Test
    void aHelloInAnyJsonLayoutIsAnsweredTheSame() {
        String reordered = "{ \"body\" : { \"appVersion\" : 2, \"coreVersion\" : 1, \"token\" : \"" + token()
                + "\" }, \"op\" : \"hello\", \"id\" : 3 }";
        // a number as a string: the hand-written reader declines it and Jackson, which coerces it, reads it
        String coerced = "{\"id\":4,\"op\":\"hello\",\"body\":{\"token\":\"" + token()
                + "\",\"coreVersion\":\"1\",\"appVersion\":\"2\"}}";

        assertThat(answeredPid(reordered, 3)).isEqualTo(config.pid());
        assertThat(answeredPid(coerced, 4)).isEqualTo(config.pid());
    }

    @Test
    void aHelloWithAFieldThisPluginDoesNotKnowIsRefusedAsMalformed() {
        assertRefused("{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"" + token()
                + "\",\"coreVersion\":1,\"appVersion\":2,\"compression\":\"zstd\"}}", PluginWire.MALFORMED);
        assertStillServes();
    }

    @Test
    void aHelloLongerThanTheReadBufferIsReadWhole() {
        assertRefused(hello("7".repeat(50_000), 1, 2), PluginWire.UNAUTHORIZED);
        assertStillServes();
    }

    @Test
    void aSilentConnectionDoesNotBlockOtherClients() {
        PluginLineChannel silent = PluginLineChannel.connect(Path.of(config.socketPath()), WAIT);
        try {
            assertStillServes();
        } finally {
            silent.close();
        }
    }

    private void assertRefused(String firstLine, String code) {
        try (PluginLineChannel channel = PluginLineChannel.connect(Path.of(config.socketPath()), WAIT)) {
            channel.writeLine(firstLine, WAIT);

            PluginWire.Reply reply = codec.readReply(channel.readLine(WAIT));

            assertThat(reply.type()).isEqualTo(PluginWire.ERROR);
            assertThat(reply.error().code()).isEqualTo(code);
            assertThat(channel.readLine(WAIT)).as("connection closed after the error").isNull();
        }
    }

    private long answeredPid(String hello, long id) {
        try (PluginLineChannel channel = PluginLineChannel.connect(Path.of(config.socketPath()), WAIT)) {
            channel.writeLine(hello, WAIT);

            PluginWire.Reply reply = codec.readReply(channel.readLine(WAIT));

            assertThat(reply.id()).isEqualTo(id);
            assertThat(reply.type()).isEqualTo(PluginWire.RESULT);
            return codec.body(reply.body(), PluginWire.Info.class).pid();
        }
    }

    private void assertStillServes() {
        assertThat(plugins.executor(config).ping().pid()).isEqualTo(config.pid());
    }

    private String hello(String token, int core, int app) {
        return codec.encode(new PluginWire.Request(1, "hello", codec.tree(new PluginWire.Hello(token, core, app))));
    }

    private String token() {
        return PluginFiles.readToken(config);
    }
}
