package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PluginArgumentsTest {

    @Test
    void readsEveryOptionTheLauncherPasses() {
        PluginArguments args = PluginArguments.parse("--executor", "docker", "--runtime-dir", "/run/hm",
                "--node-id", "n1", "--data-dir", "/data", "--name", "shared", "--idle-exit", "30",
                "--setting", "machine=interpreter", "--setting", "maxMemoryMb=64");

        assertThat(args).isEqualTo(new PluginArguments("docker", Path.of("/run/hm"), "n1", Path.of("/data"),
                "shared", Duration.ofSeconds(30), Map.of("machine", "interpreter", "maxMemoryMb", "64")));
    }

    @Test
    void settingWithoutAnEqualsSignIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PluginArguments.parse("--executor", "docker",
                "--runtime-dir", "/r", "--node-id", "n", "--data-dir", "/d", "--name", "x", "--setting", "machine"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    }

    @Test
    void withoutIdleExitThePluginNeverExitsOnItsOwn() {
        assertThat(PluginArguments.parse("--executor", "docker", "--runtime-dir", "/r", "--node-id", "n",
                "--data-dir", "/d", "--name", "x").idleExit()).isNull();
    }

    @Test
    void missingUnknownOrValuelessOptionsAreNamed() {
        assertThatThrownBy(() -> PluginArguments.parse("--executor", "docker"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("missing --");
        assertThatThrownBy(() -> PluginArguments.parse("--token", "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --token");
        assertThatThrownBy(() -> PluginArguments.parse("--executor"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--executor needs a value");
    }
}
