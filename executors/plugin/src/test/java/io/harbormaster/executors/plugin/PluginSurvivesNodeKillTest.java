package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.plugin.PluginCodec;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.testing.ChildJvm;
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

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PluginSurvivesNodeKillTest {

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
    void pluginOutlivesItsKilledNodeAndIsReattachedWithItsExecutionStillRunning() throws Exception {
        ReattachConfig config;
        try (ChildJvm node = ChildJvm.start(temp.resolve("node-out"), "node", PluginLaunchingNode.class.getName(),
                temp.toString())) {
            config = plugins.adopt(awaitReattachConfig(node));
            node.kill9();
            assertThat(node.isAlive()).isFalse();
        }

        PluginReattach found = PluginProcess.reattach(config, LaunchedPlugins.TIMEOUT);

        assertThat(found.status()).as(found.evidence()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(found.info().orElseThrow().pid()).isEqualTo(config.pid());
        try (PluginExecutor executor = plugins.executor(config)) {
            assertThat(executor.ping().executions()).isEqualTo(1);
            Map<String, Observation> seen = executor.recover(List.of(
                    new ExecutionRef("e-long", null, config, plugins.files("e-long"))));
            assertThat(seen.get("e-long")).isInstanceOf(Observation.Running.class);
        }
    }

    private static ReattachConfig awaitReattachConfig(ChildJvm node) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String out = node.stdout().strip();
            if (!out.isEmpty()) {
                return new PluginCodec().decode(out.lines().reduce((a, b) -> b).orElseThrow(), ReattachConfig.class);
            }
            if (!node.isAlive()) {
                throw new AssertionError("the node exited before printing its reattach config:\n" + node.stderr());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node printed no reattach config; stderr:\n" + node.stderr());
    }
}
