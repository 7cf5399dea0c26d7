package io.harbormaster.core.reset;

import java.time.Instant;
import java.util.List;

/** Every outcome of one application of a plan, in the order the items were handled. */
public record ResetReport(String planId, Instant finishedAt, List<ResetOutcome> outcomes) {

    public ResetReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(ResetOutcome.Result result) {
        return outcomes.stream().filter(outcome -> outcome.result() == result).count();
    }
}
