package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.node.Submission;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/** {@code PUT /api/v1/orchestrator/jobs}: a Bacalhau job, as JSON ({@code {"Job": ...}}) or as the user's YAML file. */
final class JobRoutes extends RouteHandler {

    static final String PATH = "/api/v1/orchestrator/jobs";

    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain");

    private final NodeService node;

    JobRoutes(NodeService node, ObjectMapper json, long maxBodyBytes) {
        super(json, maxBodyBytes);
        this.node = node;
    }

    @Override
    void route(ApiExchange exchange) throws IOException {
        if (!exchange.subPath().isEmpty()) {
            throw notFound();
        }
        exchange.requireMethod("PUT");
        String mediaType = exchange.header("Content-Type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("application/json");
        if (!ACCEPTED_TYPES.contains(mediaType)) {
            throw new ApiRequestException(415, "unsupported_media_type",
                    "Send the job as application/json or application/yaml, not " + mediaType);
        }
        // the node's parser reads both formats, wrapped or bare, and reports lines of this very text
        Submission submission = node.submit(exchange.readBody());
        Execution execution = submission.execution();
        exchange.sendJson(200, new SubmitResult(execution.jobId(), execution.id(), submission.warnings()));
    }
}
