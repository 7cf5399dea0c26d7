package io.harbormaster.core.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to a job submission, named as Bacalhau's orchestrator API names it. */
public record SubmitResult(
        @JsonProperty("JobID") String jobId,
        @JsonProperty("ExecutionID") String executionId,
        @JsonProperty("Warnings") List<String> warnings) {

    public SubmitResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
