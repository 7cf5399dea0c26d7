package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluginHandshakeTest {

    private static final Path SOCKET = Path.of("/run/hm/docker.sock");

    @Test
    void formatThenParseGivesTheSameHandshake() {
        PluginHandshake handshake = PluginHandshake.current(SOCKET);

        String line = handshake.format();

        assertThat(line).isEqualTo("HARBORMASTER-PLUGIN|1|2|unix|/run/hm/docker.sock|json");
        assertThat(PluginHandshake.parse(line)).isEqualTo(handshake);
    }

    @Test
    void aPluginOfTheOlderAppProtocolIsStillSpokenTo() {
        PluginHandshake older = PluginHandshake.parse("HARBORMASTER-PLUGIN|1|1|unix|/s.sock|json");

        assertThat(older.appVersion()).isEqualTo(1);
        assertThat(PluginHandshake.speaks(1)).isTrue();
        assertThat(PluginHandshake.speaks(PluginHandshake.APP_PROTOCOL_VERSION + 1)).isFalse();
    }

    @Test
    void parseToleratesTheTrailingNewlineAPrintlnLeaves() {
        assertThat(PluginHandshake.parse("HARBORMASTER-PLUGIN|1|1|unix|/s.sock|json\n").socketPath())
                .isEqualTo(Path.of("/s.sock"));
    }

    @Test
    void garbageLineIsRejectedQuotingWhatWasPrinted() {
        assertThatThrownBy(() -> PluginHandshake.parse("Picked up JAVA_TOOL_OPTIONS: -Xmx1g"))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("not a Harbormaster plugin handshake")
                .hasMessageContaining("\"Picked up JAVA_TOOL_OPTIONS: -Xmx1g\"");
    }

    @Test
    void aMissingLineSaysThePluginPrintedNothing() {
        assertThatThrownBy(() -> PluginHandshake.parse(null))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("no handshake line");
    }

    @Test
    void wrongFieldCountIsGarbage() {
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|1|1|unix|/s.sock"))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("not a Harbormaster plugin handshake");
    }

    @Test
    void nonNumericVersionNamesTheField() {
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|one|1|unix|/s.sock|json"))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("core protocol version")
                .hasMessageContaining("not a number");
    }

    @Test
    void coreVersionMismatchSaysBothVersions() {
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|2|1|unix|/s.sock|json"))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("plugin speaks core protocol 2, this node speaks 1");
    }

    @Test
    void appVersionMismatchSaysBothVersions() {
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|1|7|unix|/s.sock|json"))
                .isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("plugin speaks app protocol 7, this node speaks 1 to 2");
    }

    @Test
    void otherNetworkOrFormatIsRejected() {
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|1|1|tcp|127.0.0.1:1|json"))
                .isInstanceOf(PluginProtocolException.class).hasMessageContaining("network \"tcp\"");
        assertThatThrownBy(() -> PluginHandshake.parse("HARBORMASTER-PLUGIN|1|1|unix|/s.sock|grpc"))
                .isInstanceOf(PluginProtocolException.class).hasMessageContaining("format \"grpc\"");
    }

    @Test
    void aFloodOfGarbageIsCutShortInTheMessage() {
        String flood = "x".repeat(10_000);

        assertThatThrownBy(() -> PluginHandshake.parse(flood))
                .isInstanceOf(PluginProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
    }

    @Test
    void protocolErrorsAreExecutorExceptionsThatRetryingWillNotFix() {
        PluginProtocolException e = new PluginProtocolException("x");

        assertThat(e).isInstanceOf(PluginException.class).isInstanceOf(io.harbormaster.core.executor.ExecutorException.class);
        assertThat(e.isRecoverable()).isFalse();
    }
}
