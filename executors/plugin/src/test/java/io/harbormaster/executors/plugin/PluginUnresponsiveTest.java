package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PluginUnresponsiveTest {

    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path temp;
    private LaunchedPlugins plugins;

    @BeforeEach
    void setUp() {
        plugins = new LaunchedPlugins(temp);
    }

    @AfterEach
    void tearDown() {
        plugins.close();
    }

    @Test
    void aHungPluginMakesEveryRefUnknownWithinTheTimeoutNeverGone() {
        ReattachConfig config = launch("hung", "hang");
        List<ExecutionRef> refs = List.of(ref("e-1", config), ref("e-2", config));
        Instant begin = Instant.now();

        Map<String, Observation> seen;
        try (PluginExecutor executor = PluginExecutor.connect("docker", config, SHORT)) {
            seen = executor.recover(refs);
        }

        assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(seen).containsOnlyKeys("e-1", "e-2");
        assertThat(seen.values()).allSatisfy(o -> {
            assertThat(o).isInstanceOf(Observation.Unknown.class);
            assertThat(o.evidence()).contains("pid " + config.pid(), "did not answer within 1000 ms");
        });
    }

    @Test
    void aHungPluginIsOursButNotRespondingAndCanBeStopped() {
        ReattachConfig config = launch("hung", "hang");

        PluginReattach found = PluginProcess.reattach(config, SHORT);
        String stopped = PluginProcess.stopIfOurs(config, Duration.ofSeconds(5));

        assertThat(found.status()).isEqualTo(PluginReattach.Status.NOT_RESPONDING);
        assertThat(found.evidence()).startsWith("pid " + config.pid() + " alive, start time matches, but ping failed");
        assertThat(found.provenOurs()).isTrue();
        assertThat(stopped).contains("stopped");
        assertThat(ProcessHandle.of(config.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aPluginOfAnotherVersionReadsAsUnknown() {
        ReattachConfig config = launch("other-version", "mismatch");

        Map<String, Observation> seen;
        try (PluginExecutor executor = PluginExecutor.connect("docker", config, SHORT)) {
            seen = executor.recover(List.of(ref("e-1", config)));
        }

        assertThat(seen.get("e-1")).isInstanceOf(Observation.Unknown.class);
        assertThat(seen.get("e-1").evidence()).contains("this plugin 1/2");
    }

    @Test
    void aReattachConfigOfAnotherProtocolVersionReadsAsUnknownWithoutAsking() {
        ReattachConfig launched = launch("hung", "hang");
        // a protocol newer than this node's: a plugin left by a newer release after a downgrade
        ReattachConfig config = new ReattachConfig(launched.protocol(), PluginHandshake.APP_PROTOCOL_VERSION + 1,
                launched.socketPath(), launched.pid(), launched.processStart(), launched.tokenRef());

        Map<String, Observation> seen;
        try (PluginExecutor executor = PluginExecutor.connect("docker", config, SHORT)) {
            seen = executor.recover(List.of(ref("e-1", config)));
        }

        assertThat(seen.get("e-1")).isInstanceOf(Observation.Unknown.class);
        assertThat(seen.get("e-1").evidence()).contains("speaks protocol v" + (PluginHandshake.APP_PROTOCOL_VERSION + 1));
        assertThat(PluginProcess.reattach(config, SHORT).status()).isEqualTo(PluginReattach.Status.NOT_RESPONDING);
    }

    private ReattachConfig launch(String name, String mode) {
        return plugins.adopt(new io.harbormaster.core.plugin.PluginLauncher(plugins.spec(name)
                .mainClass(MisbehavingPlugin.class.getName()).jvmOption("-Dfake.mode=" + mode).build()).launch());
    }

    private ExecutionRef ref(String id, ReattachConfig config) {
        return new ExecutionRef(id, null, config, plugins.files(id));
    }
}
