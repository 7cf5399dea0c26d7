package io.harbormaster.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.node.DataDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void noSubcommandOpensTheWindow() {
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[0])).containsExactly("desktop");
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"--data-dir", "/d"}))
                .containsExactly("desktop", "--data-dir", "/d");
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"--data-dir=/d"}))
                .containsExactly("desktop", "--data-dir=/d");
    }

    @Test
    void theWindowAloneOpensWithoutTheCommandLineModel() {
        assertThat(DesktopCommand.plainWindow(new String[0])).isEqualTo(DataDirectory.defaultLocation());
        assertThat(DesktopCommand.plainWindow(new String[] {"--data-dir", "/d"})).isEqualTo(Path.of("/d"));
        assertThat(DesktopCommand.plainWindow(new String[] {"--data-dir=/d"})).isEqualTo(Path.of("/d"));
    }

    @Test
    void anythingMoreThanTheDataDirIsLeftToTheCommandLineParser() {
        assertThat(DesktopCommand.plainWindow(new String[] {"--version"})).isNull();
        assertThat(DesktopCommand.plainWindow(new String[] {"--data-dir"})).isNull();
        assertThat(DesktopCommand.plainWindow(new String[] {"--data-dir", "--help"})).isNull();
        assertThat(DesktopCommand.plainWindow(new String[] {"--data-dir=/d", "--help"})).isNull();
        assertThat(DesktopCommand.plainWindow(new String[] {"node", "--data-dir", "/d"})).isNull();
    }

    @Test
    void subcommandsAndTheVersionGoToTheCliUnchanged() {
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"--version"})).containsExactly("--version");
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"node", "--data-dir", "/d"}))
                .containsExactly("node", "--data-dir", "/d");
    }
}
