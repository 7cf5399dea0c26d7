package io.harbormaster.app.desktop.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.store.StoreLockedException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.List;

/**
 * The compute node the window runs in its own process. Starting and stopping it touch the store and
 * the executors, so both run as background tasks; listeners learn the outcome on the UI thread.
 */
public final class EmbeddedNode {

    /** A change of the node's state with the sentence the operator reads. */
    public record Status(NodeState state, String message) {
    }

    private final NodeOptions options;
    private final Supplier<ComputeNode> starter;
    private final BackgroundTasks tasks;
    private final NodeEventAdapter events;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private volatile ComputeNode node;
    private volatile Status status = new Status(NodeState.STARTING, "Opening the store");

    public EmbeddedNode(NodeOptions options, BackgroundTasks tasks) {
        this(options, () -> ComputeNode.start(options), tasks);
    }

    /**
     * With a start already under way ({@code early}): the launcher begins opening the store while
     * JavaFX starts, so the node is ready sooner after the first frame.
     */
    public EmbeddedNode(NodeOptions options, CompletableFuture<ComputeNode> early, BackgroundTasks tasks) {
        this(options, () -> {
            try {
                return early.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }, tasks);
    }

    private EmbeddedNode(NodeOptions options, Supplier<ComputeNode> starter, BackgroundTasks tasks) {
        this.options = options;
        this.starter = starter;
        this.tasks = tasks;
        this.events = new NodeEventAdapter(tasks.ui());
    }

    public Path dataDir() {
        return options.dataDir().root();
    }

    public NodeEventAdapter events() {
        return events;
    }

    public Status status() {
        return status;
    }

    /** The running node, once {@link NodeState#READY}. */
    public Optional<ComputeNode> node() {
        return Optional.ofNullable(node);
    }

    /** {@code listener} gets every later status on the UI thread. */
    public void addStatusListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    public void start() {
        publish(new Status(NodeState.STARTING, "Opening the store in " + dataDir()));
        tasks.run(starter, started -> {
            node = started;
            events.attach(started);
            publish(new Status(NodeState.READY, "Node " + started.nodeId() + " ready on " + dataDir()));
        }, failed -> publish(new Status(NodeState.FAILED, whyNotStarted(failed, dataDir()))));
    }

    /** Detaches ({@code stopExecutions} false) or stops every execution, then calls {@code whenDone} on the UI thread. */
    public void shutdown(boolean stopExecutions, Runnable whenDone) {
        ComputeNode running = node;
        if (running == null) {
            whenDone.run();
            return;
        }
        publish(new Status(NodeState.STOPPING, stopExecutions ? "Stopping executions" : "Detaching; executions keep running"));
        tasks.run(() -> {
            events.close();
            running.shutdown(stopExecutions);
            return running;
        }, stopped -> {
            node = null;
            publish(new Status(NodeState.STOPPED, "Node stopped"));
            whenDone.run();
        }, failed -> {
            publish(new Status(NodeState.FAILED, "The node did not stop cleanly: " + failed.getMessage()));
            whenDone.run();
        });
    }

    /** The sentence the operator reads when the node cannot start: who holds the store, or what is wrong. */
    static String whyNotStarted(RuntimeException failure, Path dataDir) {
        if (failure instanceof StoreLockedException locked) {
            return "Another Harbormaster node (pid " + locked.pid() + ") is using " + dataDir
                    + ". Stop it with 'harbormaster shutdown --data-dir " + dataDir
                    + "', or open the window on another data dir.";
        }
        if (failure instanceof HarbormasterException known) {
            return known.userMessage();
        }
        return "The node could not start: " + failure;
    }

    private void publish(Status next) {
        status = next;
        tasks.ui().run(() -> listeners.forEach(listener -> listener.accept(next)));
    }
}
