package io.harbormaster.app.desktop.shell;

import io.harbormaster.core.node.NodeOptions;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. The launcher does not extend {@link Application} (JavaFX then refuses to
 * start from the classpath), so it hands the node's options over here before {@link #launch}.
 */
public final class HarbormasterApp extends Application {

    private static volatile NodeOptions options;

    /** Opens the window on {@code nodeOptions} and returns once it has closed. */
    public static void run(NodeOptions nodeOptions) {
        options = Objects.requireNonNull(nodeOptions, "nodeOptions");
        Application.launch(HarbormasterApp.class);
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false);
        DesktopShell shell = DesktopShell.open(stage, options);
        shell.setOnClosed(Platform::exit);
        LaunchTimings.watch(shell);
        ScreenshotTour.watch(shell);
    }
}
