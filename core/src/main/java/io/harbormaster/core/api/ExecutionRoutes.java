package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/executions}, {@code GET /api/v1/executions/{id}},
 * {@code POST /api/v1/executions/{id}/cancel} and {@code GET /api/v1/executions/{id}/logs}.
 */
final class ExecutionRoutes extends RouteHandler {

    static final String PATH = "/api/v1/executions";
    static final int DEFAULT_LIMIT = 100;

    private final NodeService node;
    private final ExecutionLogRoute logs;

    ExecutionRoutes(NodeService node, ExecutionLogRoute logs, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
        this.logs = logs;
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        String path = exchange.subPath();
        if (path.isEmpty()) {
            exchange.requireMethod("GET");
            list(exchange);
            return;
        }
        if (!path.startsWith("/")) {
            throw notFound();
        }
        String[] parts = path.substring(1).split("/", -1);
        String id = parts[0];
        if (id.isEmpty() || parts.length > 2) {
            throw notFound();
        }
        String action = parts.length == 2 ? parts[1] : "";
        switch (action) {
            case "" -> {
                exchange.requireMethod("GET");
                Execution execution = node.get(id).orElseThrow(() -> new UnknownExecutionException(id));
                exchange.sendJson(200, new ExecutionDetails(execution, node.history(id)));
            }
            case "cancel" -> {
                exchange.requireMethod("POST");
                String reason = exchange.query("reason").orElse("cancelled through the API");
                exchange.sendJson(200, node.cancel(id, reason));
            }
            case "logs" -> {
                exchange.requireMethod("GET");
                logs.stream(exchange, id);
            }
            default -> throw notFound();
        }
    }

    private void list(ApiExchange exchange) throws IOException {
        Set<ExecutionState> states = EnumSet.noneOf(ExecutionState.class);
        for (String name : exchange.query("state").map(v -> v.split(",")).orElse(new String[0])) {
            if (!name.isBlank()) {
                states.add(parseState(name.strip()));
            }
        }
        int limit = exchange.query("limit").map(ExecutionRoutes::parseLimit).orElse(DEFAULT_LIMIT);
        exchange.sendJson(200, new ExecutionList(node.list(states, limit)));
    }

    private static ExecutionState parseState(String name) {
        try {
            return ExecutionState.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiRequestException(400, "bad_request", "Unknown state " + name + "; use one of "
                    + Arrays.toString(ExecutionState.values()));
        }
    }

    private static int parseLimit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other bad value
        }
        throw new ApiRequestException(400, "bad_request", "limit must be a positive number, not " + value);
    }
}
