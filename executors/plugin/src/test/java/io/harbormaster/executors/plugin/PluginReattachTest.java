package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginReattachTest {

    @TempDir
    Path temp;

    @Test
    void aLivePidWithAnotherStartTimeIsReusedAndNeverSignalled() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Instant strangerStart = stranger.info().startInstant().orElseThrow();
            ReattachConfig stale = config(stranger.pid(), strangerStart.minus(Duration.ofHours(1)));

            PluginReattach found = PluginProcess.reattach(stale, Duration.ofSeconds(2));
            String stopped = PluginProcess.stopIfOurs(stale, Duration.ofMillis(200));

            assertThat(found.status()).isEqualTo(PluginReattach.Status.PID_REUSED);
            assertThat(found.provenOurs()).isFalse();
            assertThat(found.evidence()).contains("pid " + stranger.pid(), "pid reused", strangerStart.toString());
            assertThat(stopped).contains("reused", "left alone");
            Thread.sleep(300);
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
            stranger.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPidThatIsNoLongerRunningIsDead() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        Instant start = ended.info().startInstant().orElse(Instant.now());
        ended.waitFor(10, TimeUnit.SECONDS);

        PluginReattach found = PluginProcess.reattach(config(ended.pid(), start), Duration.ofSeconds(2));

        assertThat(found.status()).isEqualTo(PluginReattach.Status.DEAD);
        assertThat(found.evidence()).isEqualTo("pid " + ended.pid() + " is not running");
    }

    private ReattachConfig config(long pid, Instant start) {
        return new ReattachConfig(PluginLauncher.PROTOCOL, 1, temp.resolve("gone.sock").toString(), pid, start,
                "gone.token");
    }
}
