package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.NodeService;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/node} and {@code POST /api/v1/node/shutdown}. */
final class NodeRoutes extends RouteHandler {

    static final String PATH = "/api/v1/node";

    private static final Logger LOG = LoggerFactory.getLogger(NodeRoutes.class);

    private final NodeService node;

    NodeRoutes(NodeService node, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        switch (exchange.subPath()) {
            case "" -> {
                exchange.requireMethod("GET");
                exchange.sendJson(200, node.info());
            }
            case "/shutdown" -> shutdown(exchange);
            default -> throw notFound();
        }
    }

    private void shutdown(ApiExchange exchange) throws IOException {
        exchange.requireMethod("POST");
        boolean stopExecutions = exchange.queryFlag("stopExecutions");
        exchange.sendJson(202, Map.of("NodeID", node.info().nodeId(), "StopExecutions", stopExecutions));
        // answer first: shutting down closes this very server, which must not wait on its own request thread
        Thread stopper = new Thread(() -> {
            LOG.info("Shutdown requested through the API (stopExecutions={})", stopExecutions);
            node.shutdown(stopExecutions);
        }, "harbormaster-api-shutdown");
        stopper.start();
    }
}
