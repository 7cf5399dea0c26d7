package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Lets a request through only with {@code Authorization: Bearer <token>}. */
final class BearerTokenFilter extends Filter {

    private final ApiToken token;
    private final ObjectMapper json;

    BearerTokenFilter(ApiToken token, ObjectMapper json) {
        this.token = token;
        this.json = json;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (token.matchesHeader(exchange.getRequestHeaders().getFirst("Authorization"))) {
            chain.doFilter(exchange);
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(new ApiError.Envelope(new ApiError(ApiError.UNAUTHORIZED,
                    "Missing or wrong API token: send Authorization: Bearer <the content of api.token>", List.of())));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "bearer token";
    }
}
