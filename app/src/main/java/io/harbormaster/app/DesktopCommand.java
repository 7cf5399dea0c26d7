package io.harbormaster.app;

import io.harbormaster.app.desktop.shell.HarbormasterApp;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harbormaster desktop}, also what {@code harbormaster} runs without a subcommand: the window,
 * with the node embedded in it.
 */
@Command(name = "desktop", mixinStandardHelpOptions = true,
        description = "Opens the desktop window with the node running inside it (the default without a subcommand).")
public final class DesktopCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The node's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir = DataDirectory.defaultLocation();

    @Override
    public Integer call() {
        return open(dataDir);
    }

    /**
     * The data dir when {@code args} ask for nothing but the window (none, or only {@code --data-dir DIR}),
     * so the launcher can open it without parsing a command line; null for anything else.
     */
    static Path plainWindow(String[] args) {
        if (args.length == 0) {
            return DataDirectory.defaultLocation();
        }
        if (args.length == 1 && args[0].startsWith("--data-dir=") && args[0].length() > "--data-dir=".length()) {
            return Path.of(args[0].substring("--data-dir=".length()));
        }
        if (args.length == 2 && args[0].equals("--data-dir") && !args[1].isEmpty() && !args[1].startsWith("-")) {
            return Path.of(args[1]);
        }
        return null;
    }

    /** Opens the window on {@code dataDir} and returns the exit code once it has closed. */
    static int open(Path dataDir) {
        String noDisplay = missingDisplay();
        if (noDisplay != null) {
            System.err.println(noDisplay);
            return 2;
        }
        HarbormasterApp.run(() -> NodeOptions.builder(dataDir).build());
        return 0;
    }

    /** Why no window can open here, or null if it can; JavaFX's own error says neither why nor what instead. */
    static String missingDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return null;
        }
        if (isSet(System.getenv("DISPLAY")) || isSet(System.getenv("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "No display: the desktop window needs a graphical session (DISPLAY or WAYLAND_DISPLAY is not set).\n"
                + "To run the node without a window, use 'harbormaster node' (and 'harbormaster --help' for the CLI).";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
