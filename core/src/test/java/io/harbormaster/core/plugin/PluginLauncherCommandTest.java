package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginLauncherCommandTest {

    @Test
    void thePluginGetsItsOwnLogBackendBeforeTheCallersOptionsSoTheyCanOverrideIt() {
        PluginLaunchSpec spec = PluginLaunchSpec.builder("wasm", Path.of("/run/hm"), "node-1", Path.of("/data"))
                .name("d-1").jvmOption("-Xmx64m").jvmOption("-Dslf4j.provider=other.Provider").build();

        List<String> command = new PluginLauncher(spec).command();

        String own = "-Dslf4j.provider=" + PluginLauncher.LOG_PROVIDER;
        assertThat(command).contains(own, "-Dslf4j.internal.verbosity=WARN");
        assertThat(command.indexOf(own)).isLessThan(command.indexOf("-Xmx64m"))
                .as("the JVM takes the last of two -D of a property").isLessThan(command.indexOf("-Dslf4j.provider=other.Provider"));
        assertThat(command.indexOf(own)).isLessThan(command.indexOf(PluginLauncher.MAIN_CLASS));
        assertThat(PluginLauncher.LOG_PROVIDER).startsWith(PluginLauncher.MAIN_CLASS.substring(0,
                PluginLauncher.MAIN_CLASS.lastIndexOf('.') + 1));
    }
}
