package io.harbormaster.core.node;

import io.harbormaster.core.execution.Execution;
import java.util.List;

/** The accepted execution and the warnings about keys we accepted but ignore. */
public record Submission(Execution execution, List<String> warnings) {

    public Submission {
        warnings = List.copyOf(warnings);
    }
}
