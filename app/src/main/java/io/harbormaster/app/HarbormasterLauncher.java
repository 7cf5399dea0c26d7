package io.harbormaster.app;

import io.harbormaster.core.cli.Main;

/**
 * The application's entry point. With a subcommand it runs the CLI; without one it will open the
 * desktop window once that exists, and until then prints the CLI's help.
 */
public final class HarbormasterLauncher {

    private HarbormasterLauncher() {
    }

    public static void main(String[] args) {
        Main.main(args);
    }
}
