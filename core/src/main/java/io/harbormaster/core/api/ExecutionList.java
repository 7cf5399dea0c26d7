package io.harbormaster.core.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.harbormaster.core.execution.Execution;
import java.util.List;

/** A page of executions, newest first. */
public record ExecutionList(@JsonProperty("Items") List<Execution> items) {

    public ExecutionList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
