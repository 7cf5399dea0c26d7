package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.spec.SpecProblem;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A group of routes under one path; turns what they throw into the API's JSON errors. */
abstract class RouteHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

    private final ObjectMapper json;
    private final long maxBodyBytes;

    RouteHandler(ObjectMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Answers the request, or throws to have it answered with an error. */
    abstract void route(ApiExchange exchange) throws IOException;

    @Override
    public final void handle(HttpExchange httpExchange) throws IOException {
        ApiExchange exchange = new ApiExchange(httpExchange, json, maxBodyBytes);
        try {
            route(exchange);
        } catch (ApiRequestException e) {
            answer(exchange, e.status(), e.code(), e.userMessage(), List.of());
        } catch (SpecInvalidException e) {
            answer(exchange, 400, ApiError.SPEC_INVALID, e.userMessage(), e.problems());
        } catch (UnknownExecutionException e) {
            answer(exchange, 404, ApiError.UNKNOWN_EXECUTION, e.userMessage(), List.of());
        } catch (HarbormasterException e) {
            LOG.warn("API request {} {} failed: {}", exchange.method(), httpExchange.getRequestURI(), e.getMessage(), e);
            answer(exchange, 500, "node_error", e.userMessage(), List.of());
        } catch (RuntimeException e) {
            // the request boundary: a bug in one request must not reach the server's dispatcher
            LOG.error("API request {} {} failed", exchange.method(), httpExchange.getRequestURI(), e);
            answer(exchange, 500, "internal_error", "The node failed to answer; see its log", List.of());
        } finally {
            httpExchange.close();
        }
    }

    private static void answer(ApiExchange exchange, int status, String code, String message,
                               List<SpecProblem> problems) throws IOException {
        if (exchange.responseStarted()) {
            LOG.debug("Cannot send error {} after the response started: {}", code, message);
            return;
        }
        exchange.sendError(status, code, message, problems);
    }

    static ApiRequestException notFound() {
        return new ApiRequestException(404, "not_found", "No such API route");
    }
}
