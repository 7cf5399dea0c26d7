package io.harbormaster.core.api;

import io.harbormaster.core.spec.SpecProblem;
import java.util.List;

/** The body of every error answer: {@code {"error": {"code", "message", "problems"}}}. */
public record ApiError(String code, String message, List<SpecProblem> problems) {

    public static final String SPEC_INVALID = "spec_invalid";
    public static final String UNKNOWN_EXECUTION = "unknown_execution";
    public static final String UNAUTHORIZED = "unauthorized";

    public ApiError {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The JSON envelope around an error. */
    public record Envelope(ApiError error) {
    }
}
