package io.harbormaster.app.desktop.executions;

import io.harbormaster.core.execution.ExecutionState;
import java.util.EnumSet;
import java.util.Set;

/** The state choices above the executions table. */
public enum StateFilter {
    ALL("All states", EnumSet.allOf(ExecutionState.class)),
    LIVE("Live", EnumSet.of(ExecutionState.PENDING, ExecutionState.STARTING, ExecutionState.RUNNING)),
    COMPLETED("Completed", EnumSet.of(ExecutionState.COMPLETED)),
    FAILED("Failed", EnumSet.of(ExecutionState.FAILED)),
    CANCELLED("Cancelled", EnumSet.of(ExecutionState.CANCELLED));

    private final String label;
    private final Set<ExecutionState> states;

    StateFilter(String label, Set<ExecutionState> states) {
        this.label = label;
        this.states = states;
    }

    public boolean accepts(ExecutionState state) {
        return states.contains(state);
    }

    @Override
    public String toString() {
        return label;
    }
}
