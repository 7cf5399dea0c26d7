package io.harbormaster.app;

import static org.assertj.core.api.Assertions.assertThat;

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
    void subcommandsAndTheVersionGoToTheCliUnchanged() {
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"--version"})).containsExactly("--version");
        assertThat(HarbormasterLauncher.withDefaultCommand(new String[] {"node", "--data-dir", "/d"}))
                .containsExactly("node", "--data-dir", "/d");
    }
}
