package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.reset.ResetMode;
import io.harbormaster.core.reset.UnknownResetPlanException;
import java.io.IOException;

/**
 * Environment reset, in two steps so nothing is removed that the operator did not see:
 * {@code POST /api/v1/reset/plans[?all=true]} makes and persists a plan, {@code GET /api/v1/reset/plans/ID}
 * shows it again, {@code POST /api/v1/reset/plans/ID/apply} applies it (outcomes also stream as
 * {@code RESET_PROGRESS} events on {@code /api/v1/events}).
 */
final class ResetRoutes extends RouteHandler {

    static final String PATH = "/api/v1/reset";
    static final String UNKNOWN_PLAN = "unknown_reset_plan";
    private static final String PLANS = "/plans";
    private static final String ACTOR = "operator:api";

    private final NodeService node;

    ResetRoutes(NodeService node, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        String path = exchange.subPath();
        if (path.equals(PLANS)) {
            exchange.requireMethod("POST");
            ResetMode mode = exchange.queryFlag("all") ? ResetMode.FULL : ResetMode.ORPHANS;
            exchange.sendJson(201, node.planReset(mode, ACTOR));
            return;
        }
        if (!path.startsWith(PLANS + "/")) {
            throw notFound();
        }
        String rest = path.substring(PLANS.length() + 1);
        try {
            if (rest.endsWith("/apply")) {
                exchange.requireMethod("POST");
                exchange.sendJson(200, node.applyReset(rest.substring(0, rest.length() - "/apply".length()), ACTOR));
            } else if (!rest.contains("/")) {
                exchange.requireMethod("GET");
                exchange.sendJson(200, node.resetPlan(rest));
            } else {
                throw notFound();
            }
        } catch (UnknownResetPlanException unknown) {
            throw new ApiRequestException(404, UNKNOWN_PLAN, unknown.userMessage());
        }
    }
}
