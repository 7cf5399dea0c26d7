package io.harbormaster.app.desktop.shell;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. The launcher does not extend {@link Application} (JavaFX then refuses to
 * start from the classpath), so it hands the node's options over here before {@link #launch}.
 */
public final class HarbormasterApp extends Application {

    private static volatile CompletableFuture<NodeOptions> options;
    private static volatile CompletableFuture<ComputeNode> early;

    /**
     * Opens the window on the options {@code nodeOptions} makes and returns once it has closed; the node
     * starts beside JavaFX's own start ({@link EarlyNodeStart}).
     */
    public static void run(Supplier<NodeOptions> nodeOptions) {
        EarlyNodeStart start = EarlyNodeStart.begin(Objects.requireNonNull(nodeOptions, "nodeOptions"), ComputeNode::start);
        options = start.options();
        early = start.node();
        RenderingDefaults.apply();
        try {
            Application.launch(HarbormasterApp.class);
        } finally {
            // the window normally stopped or detached it already; if the window never opened, detach here
            early.thenAccept(node -> node.shutdown(false));
        }
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false);
        DesktopShell shell = DesktopShell.open(stage, options.join(), early);
        shell.setOnClosed(Platform::exit);
        LaunchTimings.watch(shell);
        ScreenshotTour.watch(shell);
    }
}
