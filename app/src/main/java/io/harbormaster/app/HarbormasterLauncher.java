package io.harbormaster.app;

import io.harbormaster.core.cli.HarbormasterCommand;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The application's entry point. With a subcommand (or {@code --help}, {@code --version}) it runs the
 * CLI; without one it opens the desktop window. It does not extend JavaFX's Application, so it starts
 * from a plain classpath and the CLI never loads JavaFX.
 */
public final class HarbormasterLauncher {

    private HarbormasterLauncher() {
    }

    public static void main(String[] args) {
        Path window = DesktopCommand.plainWindow(args);
        if (window != null) {
            // the common start, the window alone: no command-line model to build (it costs a few hundred classes)
            System.exit(DesktopCommand.open(window));
        }
        System.exit(HarbormasterCommand.commandLine(new DesktopCommand()).execute(withDefaultCommand(args)));
    }

    /** No subcommand, or only the window's own {@code --data-dir}: the desktop window. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || args[0].equals("--data-dir") || args[0].startsWith("--data-dir=")) {
            String[] desktop = new String[args.length + 1];
            desktop[0] = "desktop";
            System.arraycopy(args, 0, desktop, 1, args.length);
            return desktop;
        }
        return Arrays.copyOf(args, args.length);
    }
}
