package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.harbormaster.core.spec.SpecProblem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request as the routes see it: its path and query, a size-capped body, and JSON answers. */
final class ApiExchange {

    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private final HttpExchange exchange;
    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final Map<String, String> query;
    private boolean responseStarted;

    ApiExchange(HttpExchange exchange, ObjectMapper json, long maxBodyBytes) {
        this.exchange = exchange;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    /** The decoded path below the handler's context, without a trailing slash; "" for the context itself. */
    String subPath() {
        String path = exchange.getRequestURI().getPath();
        String context = exchange.getHttpContext().getPath();
        String rest = path.length() >= context.length() ? path.substring(context.length()) : "";
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    boolean queryFlag(String name) {
        String value = query.get(name);
        if (value == null) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ApiRequestException(400, "bad_request", name + " must be true or false, not " + value);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    void requireMethod(String allowed) {
        if (!method().equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new ApiRequestException(405, "method_not_allowed",
                    method() + " is not allowed here; use " + allowed);
        }
    }

    /** Refuses a body over the limit whether or not it declared its length. */
    String readBody() throws IOException {
        long declared = header("Content-Length").map(ApiExchange::parseLength).orElse(-1L);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = exchange.getRequestBody()) {
            if (declared > maxBodyBytes) {
                throw tooLarge(in);
            }
            int read;
            while ((read = in.read(buffer)) > 0) {
                if (body.size() + read > maxBodyBytes) {
                    throw tooLarge(in);
                }
                body.write(buffer, 0, read);
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    void sendJson(int status, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        responseStarted = true;
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void sendError(int status, String code, String message, List<SpecProblem> problems) throws IOException {
        sendJson(status, new ApiError.Envelope(new ApiError(code, message, problems)));
    }

    /** Sends 200 with chunked encoding; the caller writes and flushes as data comes. */
    OutputStream startStream(String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        responseStarted = true;
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    boolean responseStarted() {
        return responseStarted;
    }

    byte[] toJsonBytes(Object value) throws IOException {
        return json.writeValueAsBytes(value);
    }

    /**
     * Reads and drops a moderately oversized rest, so the client, still sending, gets the 413 rather
     * than a reset connection; a huge one is cut off when the exchange closes.
     */
    private ApiRequestException tooLarge(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long discarded = 0;
        int read;
        while (discarded < DISCARD_LIMIT && (read = in.read(buffer)) > 0) {
            discarded += read;
        }
        return new ApiRequestException(413, "body_too_large", "The request body is larger than " + maxBodyBytes + " bytes");
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiRequestException(400, "bad_request", "Content-Length is not a number: " + value);
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
