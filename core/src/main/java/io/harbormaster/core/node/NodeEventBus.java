package io.harbormaster.core.node;

import io.harbormaster.core.execution.ExecutionState;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers node events and hands them to listeners on one dispatcher thread, so listeners see every
 * event in order and a slow listener never holds up the thread that changed an execution.
 */
final class NodeEventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeEventBus.class);

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Consumer<NodeEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "node-events");
        thread.setDaemon(true);
        return thread;
    });

    NodeEventBus(Clock clock) {
        this.clock = clock;
    }

    NodeService.Subscription subscribe(Consumer<NodeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(NodeEvent.Type type, String executionId, ExecutionState state, String message) {
        publish(type, executionId, state, message, null);
    }

    void publish(NodeEvent.Type type, String executionId, ExecutionState state, String message, Double progress) {
        // numbering inside the dispatcher keeps sequence order equal to delivery order
        try {
            dispatcher.execute(() -> deliver(new NodeEvent(sequence.incrementAndGet(), clock.instant(), type,
                    executionId, state, message, progress)));
        } catch (RejectedExecutionException closed) {
            LOG.debug("Event {} for {} dropped: node is closing", type, executionId);
        }
    }

    private void deliver(NodeEvent event) {
        for (Consumer<NodeEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException listenerFailure) {
                LOG.warn("An event listener failed on {}; it stays subscribed", event, listenerFailure);
            }
        }
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
                dispatcher.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            dispatcher.shutdownNow();
        }
    }
}
