package io.harbormaster.app.desktop.shell;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's start, begun before JavaFX's: on a thread of its own the node's options are made (which
 * sets up logging, a few hundred classes the toolkit need not wait for) and then the node is started
 * (its store opened), while the toolkit starts beside it.
 *
 * @param options the options, once made: the window needs them before the node is ready
 * @param node    the started node
 */
record EarlyNodeStart(CompletableFuture<NodeOptions> options, CompletableFuture<ComputeNode> node) {

    static EarlyNodeStart begin(Supplier<NodeOptions> makeOptions, Function<NodeOptions, ComputeNode> start) {
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-start");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<NodeOptions> options = new CompletableFuture<>();
        // one task: a second one chained on the first would reach the executor after its shutdown below
        CompletableFuture<ComputeNode> node = CompletableFuture.supplyAsync(() -> {
            NodeOptions made;
            try {
                made = makeOptions.get();
            } catch (RuntimeException failed) {
                options.completeExceptionally(failed);
                throw failed;
            }
            options.complete(made);
            return start.apply(made);
        }, starter);
        starter.shutdown();
        return new EarlyNodeStart(options, node);
    }
}
