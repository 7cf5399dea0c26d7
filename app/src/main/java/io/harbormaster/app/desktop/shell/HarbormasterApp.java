package io.harbormaster.app.desktop.shell;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
     * Opens the window on the options {@code nodeOptions} makes and returns once it has closed. The
     * options are made, and the node starts opening its store, on a thread of their own beside JavaFX's
     * start: making them sets up logging (a few hundred classes), which the toolkit need not wait for.
     */
    public static void run(Supplier<NodeOptions> nodeOptions) {
        Objects.requireNonNull(nodeOptions, "nodeOptions");
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-start");
            thread.setDaemon(true);
            return thread;
        });
        options = CompletableFuture.supplyAsync(nodeOptions, starter);
        early = options.thenApplyAsync(ComputeNode::start, starter);
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
        DesktopShell shell = DesktopShell.open(stage, options.join(), early);
        shell.setOnClosed(Platform::exit);
        LaunchTimings.watch(shell);
        ScreenshotTour.watch(shell);
    }
}
