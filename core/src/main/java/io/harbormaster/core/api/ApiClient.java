package io.harbormaster.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeInfo;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import io.harbormaster.core.reset.UnknownResetPlanException;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Talks to the node whose data dir it was given, through its loopback API. */
public final class ApiClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Planning asks every executor and plugin; applying stops executions, each with its grace. */
    public static final Duration RESET_TIMEOUT = Duration.ofMinutes(10);

    private final DataDirectory dataDir;
    private final URI base;
    private final ApiToken token;
    private final HttpClient http;
    private final ObjectMapper json = ApiJson.jsonMapper();

    private ApiClient(DataDirectory dataDir, int port, ApiToken token) {
        this.dataDir = dataDir;
        this.base = URI.create("http://" + ApiServer.LOOPBACK + ":" + port);
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Reads api.json and api.token; nothing is sent yet.
     *
     * @throws NodeUnreachableException if the files are missing or unreadable
     */
    public static ApiClient connect(DataDirectory dataDir) {
        try {
            ApiEndpoint endpoint = ApiEndpoint.read(dataDir.apiEndpointFile());
            return new ApiClient(dataDir, endpoint.port(), ApiToken.read(dataDir.apiTokenFile()));
        } catch (NoSuchFileException e) {
            throw new NodeUnreachableException(dataDir, "missing " + e.getFile(), e);
        } catch (IOException e) {
            throw new NodeUnreachableException(dataDir, "cannot read the API files: " + e.getMessage(), e);
        }
    }

    public SubmitResult submit(String specText, SpecFormat format) {
        HttpRequest request = request("/api/v1/orchestrator/jobs", REQUEST_TIMEOUT)
                .header("Content-Type", format.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofString(specText, StandardCharsets.UTF_8))
                .build();
        return read(sendForString(request, null), SubmitResult.class);
    }

    /** Newest first; every state when {@code states} is empty. */
    public List<Execution> list(Set<ExecutionState> states, int limit) {
        String query = "?limit=" + limit;
        if (!states.isEmpty()) {
            query += "&state=" + states.stream().map(Enum::name).collect(Collectors.joining(","));
        }
        return read(sendForString(request("/api/v1/executions" + query, REQUEST_TIMEOUT).GET().build(), null),
                ExecutionList.class).items();
    }

    /** @throws UnknownExecutionException if the node has no such execution */
    public ExecutionDetails describe(String executionId) {
        HttpRequest request = request("/api/v1/executions/" + encode(executionId), REQUEST_TIMEOUT).GET().build();
        return read(sendForString(request, executionId), ExecutionDetails.class);
    }

    /** @throws UnknownExecutionException if the node has no such execution */
    public Execution cancel(String executionId) {
        HttpRequest request = request("/api/v1/executions/" + encode(executionId) + "/cancel", REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return read(sendForString(request, executionId), Execution.class);
    }

    /**
     * The execution's output as it is; with {@code follow}, a stream that ends only once the
     * execution is terminal and its output drained. The caller closes it.
     */
    public InputStream logs(String executionId, boolean follow, LogStream stream) {
        String path = "/api/v1/executions/" + encode(executionId) + "/logs?follow=" + follow + "&stream=" + stream.queryValue();
        HttpRequest request = request(path, follow ? null : REQUEST_TIMEOUT).GET().build();
        return sendForStream(request, executionId);
    }

    public NodeInfo node() {
        return read(sendForString(request("/api/v1/node", REQUEST_TIMEOUT).GET().build(), null), NodeInfo.class);
    }

    /** Asks the node to stop; it answers before it stops. */
    public void shutdown(boolean stopExecutions) {
        HttpRequest request = request("/api/v1/node/shutdown?stopExecutions=" + stopExecutions, REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        sendForString(request, null);
    }

    /** Lists what a reset would do ({@code all}: also stop live executions) and persists the plan; changes nothing. */
    public ResetPlan planReset(boolean all) {
        HttpRequest request = request("/api/v1/reset/plans?all=" + all, RESET_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return read(sendForString(request, null), ResetPlan.class);
    }

    /** @throws UnknownResetPlanException if the node has no plan with that id */
    public ResetPlan resetPlan(String planId) {
        HttpRequest request = request("/api/v1/reset/plans/" + encode(planId), REQUEST_TIMEOUT).GET().build();
        return read(sendForReset(request, planId), ResetPlan.class);
    }

    /**
     * Applies a persisted plan; returns once every item is handled. Stopping executions and containers takes
     * their grace each, so this waits up to {@link #RESET_TIMEOUT}.
     *
     * @throws UnknownResetPlanException if the node has no plan with that id
     */
    public ResetReport applyReset(String planId) {
        HttpRequest request = request("/api/v1/reset/plans/" + encode(planId) + "/apply", RESET_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return read(sendForReset(request, planId), ResetReport.class);
    }

    private String sendForReset(HttpRequest request, String planId) {
        try {
            return sendForString(request, null);
        } catch (ApiRequestException failed) {
            if (failed.status() == 404 && ResetRoutes.UNKNOWN_PLAN.equals(failed.code())) {
                throw new UnknownResetPlanException(planId);
            }
            throw failed;
        }
    }

    /** Every event from now on; the node has subscribed by the time this returns. */
    public EventStream events() {
        HttpRequest request = request("/api/v1/events", null).header("Accept", "text/event-stream").GET().build();
        return new EventStream(sendForStream(request, null), json);
    }

    /** The recovery plan made at the node's start (null plan when none was needed) and its graph. */
    public RecoveryView recoveryPlan() {
        return read(sendForString(request("/api/v1/recovery", REQUEST_TIMEOUT).GET().build(), null), RecoveryView.class);
    }

    /** Approves the items of {@code executionIds}, or every safe one, or every one. */
    public RecoveryView approveRecovery(List<String> executionIds, boolean allSafe, boolean all, String who) {
        return recoveryPost("/approve", new RecoveryRoutes.ApproveRequest(executionIds, allSafe, all, who));
    }

    public RecoveryView overrideRecovery(String executionId, String action, String who) {
        return recoveryPost("/override", new RecoveryRoutes.OverrideRequest(executionId, action, who));
    }

    /** Applies what is approved; each item is probed again first. Waits as long as applying takes. */
    public RecoveryView applyRecovery(String who) {
        return recoveryPost("/apply", new RecoveryRoutes.WhoRequest(who));
    }

    private RecoveryView recoveryPost(String path, Object body) {
        try {
            HttpRequest request = request("/api/v1/recovery" + path, Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            return read(sendForString(request, null), RecoveryView.class);
        } catch (JsonProcessingException e) {
            throw new ApiRequestException(400, "bad_request", "Cannot encode the request: " + e.getOriginalMessage());
        }
    }

    public DataDirectory dataDirectory() {
        return dataDir;
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Authorization", token.authorizationHeader());
        return timeout == null ? builder : builder.timeout(timeout);
    }

    private String sendForString(HttpRequest request, String executionId) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw toException(response.statusCode(), response.body(), executionId);
        }
        return response.body();
    }

    private InputStream sendForStream(HttpRequest request, String executionId) {
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw toException(response.statusCode(), body, executionId);
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new NodeUnreachableException(dataDir, "connection to " + base + " refused", e);
        } catch (HttpTimeoutException e) {
            throw new NodeUnreachableException("The node on " + dataDir.root() + " did not answer in time",
                    request.method() + " " + request.uri() + " timed out", e);
        } catch (IOException e) {
            throw new NodeUnreachableException("Lost the connection to the node on " + dataDir.root() + ": " + e.getMessage(),
                    request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnreachableException("Interrupted while waiting for the node", request.uri().toString(), e);
        }
    }

    private RuntimeException toException(int status, String body, String executionId) {
        ApiError error = parseError(status, body);
        if (status == 400 && ApiError.SPEC_INVALID.equals(error.code())) {
            return new SpecInvalidException(error.problems());
        }
        if (status == 404 && ApiError.UNKNOWN_EXECUTION.equals(error.code())) {
            return new UnknownExecutionException(executionId == null ? "?" : executionId);
        }
        if (status == 401) {
            return new ApiRequestException(401, error.code(), "The node on " + dataDir.root()
                    + " refused this client's token; " + dataDir.apiTokenFile() + " may belong to another node (restart the node)");
        }
        return new ApiRequestException(status, error.code(), error.message());
    }

    private ApiError parseError(int status, String body) {
        try {
            ApiError.Envelope envelope = json.readValue(body, ApiError.Envelope.class);
            if (envelope != null && envelope.error() != null) {
                return envelope.error();
            }
        } catch (JsonProcessingException e) {
            // not our error shape (a proxy, a stranger on the port): report the status alone
        }
        return new ApiError("http_" + status, "The node answered HTTP " + status, List.of());
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ApiRequestException(502, "bad_answer", "The node sent an answer this client cannot read: "
                    + e.getOriginalMessage());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
