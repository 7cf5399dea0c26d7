package io.harbormaster.core.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.HistoryEvent;
import java.util.List;

/** One execution and everything that happened to it. */
public record ExecutionDetails(
        @JsonProperty("Execution") Execution execution,
        @JsonProperty("History") List<HistoryEvent> history) {

    public ExecutionDetails {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
