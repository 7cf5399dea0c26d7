package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/events}: the node's events as server-sent events, with heartbeat comments. */
final class EventRoutes extends RouteHandler {

    static final String PATH = "/api/v1/events";

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    /** A client this far behind is cut off rather than letting the node's memory grow. */
    private static final int MAX_PENDING_EVENTS = 10_000;

    private final NodeService node;
    private final Semaphore streamSlots;
    private final Duration heartbeat;

    EventRoutes(NodeService node, Semaphore streamSlots, Duration heartbeat, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
        this.streamSlots = streamSlots;
        this.heartbeat = heartbeat;
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        if (!exchange.subPath().isEmpty()) {
            throw notFound();
        }
        exchange.requireMethod("GET");
        if (!streamSlots.tryAcquire()) {
            throw new ApiRequestException(503, "too_many_streams", "Too many followed logs and event streams; try again later");
        }
        BlockingQueue<NodeEvent> pending = new LinkedBlockingQueue<>(MAX_PENDING_EVENTS);
        AtomicBoolean overflowed = new AtomicBoolean();
        // subscribe before answering, so a client that has the answer's headers misses nothing after them
        NodeService.Subscription subscription = node.subscribe(event -> {
            if (!pending.offer(event)) {
                overflowed.set(true);
            }
        });
        try {
            OutputStream out = exchange.startStream("text/event-stream; charset=utf-8");
            write(out, ": connected\n\n");
            pump(exchange, pending, overflowed, out);
        } catch (IOException e) {
            LOG.debug("Event client went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
            streamSlots.release();
        }
    }

    private void pump(ApiExchange exchange, BlockingQueue<NodeEvent> pending, AtomicBoolean overflowed,
                      OutputStream out) throws IOException, InterruptedException {
        while (!overflowed.get()) {
            NodeEvent event = pending.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                write(out, ": heartbeat\n\n");
                continue;
            }
            String data = new String(exchange.toJsonBytes(event), StandardCharsets.UTF_8);
            write(out, "id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + data + "\n\n");
        }
        LOG.warn("Event client fell {} events behind; closing its stream", MAX_PENDING_EVENTS);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
