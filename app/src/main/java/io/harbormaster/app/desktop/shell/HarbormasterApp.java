package io.harbormaster.app.desktop.shell;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. The launcher does not extend {@link Application} (JavaFX then refuses to
 * start from the classpath), so it hands the node's options over here before {@link #launch}.
 */
public final class HarbormasterApp extends Application {

    private static volatile NodeOptions options;
    private static volatile CompletableFuture<ComputeNode> early;

    /**
     * Opens the window on {@code nodeOptions} and returns once it has closed. The node starts opening
     * its store at once, beside JavaFX's own start, rather than after the first frame.
     */
    public static void run(NodeOptions nodeOptions) {
        options = Objects.requireNonNull(nodeOptions, "nodeOptions");
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-start");
            thread.setDaemon(true);
            return thread;
        });
        early = CompletableFuture.supplyAsync(() -> ComputeNode.start(nodeOptions), starter);
        starter.shutdown();
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
        DesktopShell shell = DesktopShell.open(stage, options, early);
        shell.setOnClosed(Platform::exit);
        LaunchTimings.watch(shell);
        ScreenshotTour.watch(shell);
    }
}
