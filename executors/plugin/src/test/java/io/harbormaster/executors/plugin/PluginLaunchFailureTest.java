package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.plugin.PluginLaunchException;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PluginLaunchFailureTest {

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
    void aGarbageHandshakeFailsWithTheStderrTailAndThePluginIsKilled() {
        PluginLaunchException failure = launchFailure(plugins.spec("garbage")
                .mainClass(GarbageHandshakePlugin.class.getName()).build());

        assertThat(failure).hasMessageContaining("not a Harbormaster plugin handshake")
                .hasMessageContaining("Hello! I am definitely a plugin.")
                .hasMessageContaining("fake plugin: about to misbehave");
        assertGone(failure.pid());
    }

    @Test
    void aPluginThatExitsAtOnceFailsWithItsExitCodeAndStderr() {
        PluginLaunchException failure = launchFailure(plugins.spec("exiting")
                .mainClass(ExitingPlugin.class.getName()).build());

        assertThat(failure).hasMessageContaining("exited with code 3 before printing a handshake")
                .hasMessageContaining("fake plugin: cannot load the executor, giving up");
        assertGone(failure.pid());
    }

    @Test
    void aPluginThatNeverPrintsFailsAfterTheHandshakeTimeoutAndIsKilled() {
        Instant begin = Instant.now();

        PluginLaunchException failure = launchFailure(plugins.spec("silent")
                .mainClass(SilentPlugin.class.getName()).handshakeTimeout(Duration.ofSeconds(3)).build());

        assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(failure).hasMessageContaining("printed no handshake within 3 s")
                .hasMessageContaining("fake plugin: still thinking");
        assertGone(failure.pid());
    }

    @Test
    void anExecutorTypeWithNoProviderFailsNamingTheTypesFound() {
        PluginLaunchException failure = launchFailure(PluginLaunchSpec.builder("nosuch", plugins.runtimeDir(),
                "node-1", plugins.dataDir()).build());

        assertThat(failure).hasMessageContaining("exited with code 2")
                .hasMessageContaining("no executor of type nosuch on the classpath (found: docker");
        assertGone(failure.pid());
    }

    @Test
    void aRuntimeDirTooLongForAUnixSocketFailsBeforeAnythingStarts() {
        PluginLaunchException failure = launchFailure(PluginLaunchSpec.builder("docker",
                temp.resolve("r".repeat(120)), "node-1", plugins.dataDir()).build());

        assertThat(failure).hasMessageContaining("more than a Unix socket allows");
        assertThat(failure.pid()).isEqualTo(-1);
    }

    private static PluginLaunchException launchFailure(PluginLaunchSpec spec) {
        var thrown = assertThatThrownBy(() -> new PluginLauncher(spec).launch())
                .isInstanceOf(PluginLaunchException.class);
        PluginLaunchException[] caught = new PluginLaunchException[1];
        thrown.satisfies(e -> caught[0] = (PluginLaunchException) e);
        return caught[0];
    }

    private static void assertGone(long pid) {
        assertThat(pid).isPositive();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
