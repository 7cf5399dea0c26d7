package io.harbormaster.core.execution;

import java.time.Instant;

/** One appended entry of an execution's history: a state change, or a note (from == to). */
public record HistoryEvent(Instant at, ExecutionState from, ExecutionState to, int attempt, String reason) {
}
