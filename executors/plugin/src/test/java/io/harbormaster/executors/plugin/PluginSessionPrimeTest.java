package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginWire;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warm-up of the reattach path a plugin runs at start goes through the hand-written lines, not around them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluginSessionPrimeTest {

    @Test
    void primingReadsAndWritesTheReattachLinesByHand() {
        for (String type : new String[] {"wasm", "docker", "type \"odd\"\n"}) {
            PluginWire.Info info = new PluginWire.Info(4242, Instant.parse("2026-11-29T07:40:01.123456Z"), "d-1", type,
                    PluginHandshake.CORE_PROTOCOL_VERSION, PluginHandshake.APP_PROTOCOL_VERSION, 0);

            assertThat(PluginSession.primeReattach(info)).as(type).isTrue();
        }
    }
}
