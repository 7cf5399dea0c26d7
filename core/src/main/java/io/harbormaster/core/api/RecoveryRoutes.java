package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryDecisionException;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.core.recovery.RecoveryService;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/recovery} (the plan and the graph), {@code POST .../approve}, {@code .../override},
 * {@code .../apply}, {@code .../refresh}. A decision that cannot be taken answers 409 with the reason.
 */
final class RecoveryRoutes extends RouteHandler {

    static final String PATH = "/api/v1/recovery";
    static final String DECISION_REFUSED = "recovery_decision_refused";

    private final NodeService node;
    private final ObjectMapper json;

    RecoveryRoutes(NodeService node, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
        this.json = json;
    }

    /** Body of approve: ids, or one of the two "all" flags. */
    record ApproveRequest(List<String> executionIds, boolean allSafe, boolean all, String who) {
    }

    record OverrideRequest(String executionId, String action, String who) {
    }

    record WhoRequest(String who) {
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        RecoveryService recovery = node.recovery();
        try {
            switch (exchange.subPath()) {
                case "" -> {
                    exchange.requireMethod("GET");
                    exchange.sendJson(200, view(recovery, recovery.plan().orElse(null)));
                }
                case "/approve" -> {
                    exchange.requireMethod("POST");
                    ApproveRequest request = body(exchange, ApproveRequest.class);
                    String who = who(request.who());
                    RecoveryPlan plan = request.all() ? recovery.approveAll(who)
                            : request.allSafe() ? recovery.approveAllSafe(who)
                            : recovery.approve(request.executionIds() == null ? List.of() : request.executionIds(), who);
                    exchange.sendJson(200, view(recovery, plan));
                }
                case "/override" -> {
                    exchange.requireMethod("POST");
                    OverrideRequest request = body(exchange, OverrideRequest.class);
                    RecoveryAction action = parse(request.action());
                    exchange.sendJson(200, view(recovery, recovery.override(request.executionId(), action,
                            who(request.who()))));
                }
                case "/apply" -> {
                    exchange.requireMethod("POST");
                    exchange.sendJson(200, view(recovery, recovery.apply(who(body(exchange, WhoRequest.class).who()))));
                }
                case "/refresh" -> {
                    exchange.requireMethod("POST");
                    exchange.sendJson(200, view(recovery, recovery.refresh(who(body(exchange, WhoRequest.class).who()))));
                }
                default -> throw notFound();
            }
        } catch (RecoveryDecisionException refused) {
            throw new ApiRequestException(409, DECISION_REFUSED, refused.userMessage());
        }
    }

    private static RecoveryView view(RecoveryService recovery, RecoveryPlan plan) {
        return new RecoveryView(plan, recovery.graph(), recovery.previousRun());
    }

    private <T> T body(ApiExchange exchange, Class<T> type) throws IOException {
        String text = exchange.readBody();
        if (text.isBlank()) {
            text = "{}";
        }
        try {
            return json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
            throw new ApiRequestException(400, "bad_request", "The request body is not valid: " + bad.getOriginalMessage());
        }
    }

    private static RecoveryAction parse(String action) {
        try {
            return RecoveryAction.parse(action == null ? "" : action);
        } catch (IllegalArgumentException bad) {
            throw new ApiRequestException(400, "bad_request", bad.getMessage());
        }
    }

    /** Decisions through the API name their user; a caller that says nothing is "user:api". */
    private static String who(String who) {
        return who == null || who.isBlank() ? "user:api" : who;
    }
}
