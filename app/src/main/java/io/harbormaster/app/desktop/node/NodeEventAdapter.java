package io.harbormaster.app.desktop.node;

import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one way node events reach the screens: the node's event thread queues them, and a single
 * hand-over per burst delivers them in order on the UI thread. A thousand state changes in a second
 * cost the FX thread a few drains instead of a thousand {@code runLater} calls.
 */
public final class NodeEventAdapter implements AutoCloseable {

    private final UiThread ui;
    private final Queue<NodeEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private NodeService.Subscription subscription;

    public NodeEventAdapter(UiThread ui) {
        this.ui = ui;
    }

    /** Starts delivering {@code node}'s events from now on. */
    public void attach(NodeService node) {
        subscription = node.subscribe(this::accept);
    }

    /** {@code listener} is called on the UI thread, with events in the node's order. */
    public void addListener(Consumer<NodeEvent> listener) {
        listeners.add(listener);
    }

    /** Queues one event; called on the node's event thread. */
    void accept(NodeEvent event) {
        pending.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            ui.run(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<NodeEvent> batch = new ArrayList<>();
        for (NodeEvent event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
        }
        for (NodeEvent event : batch) {
            for (Consumer<NodeEvent> listener : listeners) {
                listener.accept(event);
            }
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
