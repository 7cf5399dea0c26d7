package io.harbormaster.core.spec;

import java.util.List;

/** A valid job and the warnings about keys Bacalhau has that this node accepts and ignores. */
public record ParsedJob(JobSpec spec, List<String> warnings) {

    public ParsedJob {
        warnings = List.copyOf(warnings);
    }
}
