package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.plugin.PluginPlacement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginJvmOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"17.0.9", "17.0.15+6", "21.0.1", "21.0.5", "22", "25.0.1"})
    void pluginsTrimTheirNativeHeapOnJvmsThatKnowTheFlag(String version) {
        assertThat(ExecutorHosting.pluginJvmOptions(Runtime.Version.parse(version)))
                .contains("-XX:TrimNativeHeapInterval=2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "17.0.8", "18.0.2", "20.0.1", "21"})
    void pluginsGetNoTrimFlagFromJvmsThatWouldRefuseToStart(String version) {
        assertThat(ExecutorHosting.pluginJvmOptions(Runtime.Version.parse(version)))
                .noneMatch(option -> option.startsWith("-XX:TrimNativeHeapInterval"))
                .contains("-XX:+UseSerialGC", "-Xms8m");
    }

    @Test
    void dedicatedPluginsRunC1OnlyByDefaultAndSharedOnesKeepBothCompilers() {
        assertThat(ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.DEDICATED, Map.of()))
                .containsAll(ExecutorHosting.PLUGIN_JVM_OPTIONS).contains("-XX:TieredStopAtLevel=1", "-Xmn2m")
                .isEqualTo(ExecutorHosting.DEDICATED_PLUGIN_JVM_OPTIONS);
        assertThat(ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.SHARED, Map.of()))
                .isEqualTo(ExecutorHosting.PLUGIN_JVM_OPTIONS).noneMatch(option -> option.contains("TieredStopAtLevel"))
                .doesNotContain("-Xmn2m");
        assertThat(ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.SHARED, Map.of("dedicatedPluginJit", "c1")))
                .noneMatch(option -> option.contains("TieredStopAtLevel"));
    }

    @Test
    void anOperatorGetsC2BackForDedicatedPlugins() {
        assertThat(ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.DEDICATED, Map.of("dedicatedPluginJit", "tiered")))
                .containsAll(ExecutorHosting.PLUGIN_JVM_OPTIONS).contains("-Xmn2m")
                .noneMatch(option -> option.contains("TieredStopAtLevel"));
    }

    @Test
    void anUnknownJitIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.DEDICATED,
                Map.of("dedicatedPluginJit", "fast")))
                .isInstanceOf(HarbormasterException.class)
                .hasMessageContaining("dedicatedPluginJit must be c1").hasMessageContaining("or tiered")
                .hasMessageContaining("'fast'");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void thisJvmStartsWithEveryOptionItGivesPlugins() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ExecutorHosting.pluginJvmOptionsFor(PluginPlacement.DEDICATED, Map.of()));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(java.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(java.exitValue()).as(output).isZero();
            assertThat(output).doesNotContainIgnoringCase("unrecognized");
        } finally {
            java.destroyForcibly();
        }
    }
}
