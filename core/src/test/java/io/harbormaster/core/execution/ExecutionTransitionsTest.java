package io.harbormaster.core.execution;

import static io.harbormaster.core.execution.ExecutionState.CANCELLED;
import static io.harbormaster.core.execution.ExecutionState.COMPLETED;
import static io.harbormaster.core.execution.ExecutionState.FAILED;
import static io.harbormaster.core.execution.ExecutionState.PENDING;
import static io.harbormaster.core.execution.ExecutionState.RUNNING;
import static io.harbormaster.core.execution.ExecutionState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionTransitionsTest {

    @Test
    void pendingMayOnlyStartOrBeCancelled() {
        for (ExecutionState to : ExecutionState.values()) {
            assertThat(ExecutionTransitions.isAllowed(PENDING, to, TransitionKind.NORMAL))
                    .as("PENDING -> %s", to)
                    .isEqualTo(to == STARTING || to == CANCELLED);
        }
    }

    @Test
    void startingAndRunningEndInAnyTerminalState() {
        for (ExecutionState from : EnumSet.of(STARTING, RUNNING)) {
            for (ExecutionState to : EnumSet.of(COMPLETED, FAILED, CANCELLED)) {
                assertThat(ExecutionTransitions.isAllowed(from, to, TransitionKind.NORMAL)).as("%s -> %s", from, to).isTrue();
            }
        }
        assertThat(ExecutionTransitions.isAllowed(STARTING, RUNNING, TransitionKind.NORMAL)).isTrue();
        assertThat(ExecutionTransitions.isAllowed(RUNNING, PENDING, TransitionKind.RECOVERY)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionState.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void terminalStatesNeverChangeEvenInRecovery(ExecutionState terminal) {
        for (ExecutionState to : ExecutionState.values()) {
            assertThat(ExecutionTransitions.isAllowed(terminal, to, TransitionKind.NORMAL)).isFalse();
            assertThat(ExecutionTransitions.isAllowed(terminal, to, TransitionKind.RECOVERY)).isFalse();
        }
    }

    @Test
    void rerunEdgeIsOpenToRecoveryOnly() {
        for (ExecutionState from : EnumSet.of(STARTING, RUNNING)) {
            assertThat(ExecutionTransitions.isAllowed(from, STARTING, TransitionKind.NORMAL)).isFalse();
            assertThat(ExecutionTransitions.isAllowed(from, STARTING, TransitionKind.RECOVERY)).isTrue();
            assertThat(ExecutionTransitions.isRerun(from, STARTING)).isTrue();
        }
        assertThat(ExecutionTransitions.isRerun(PENDING, STARTING)).isFalse();
    }

    @Test
    void checkRefusesAnIllegalEdgeNamingBothStates() {
        assertThatThrownBy(() -> ExecutionTransitions.check("e-1", PENDING, RUNNING, TransitionKind.NORMAL))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("e-1").hasMessageContaining("PENDING").hasMessageContaining("RUNNING");
    }

    @Test
    void liveAndTerminalPartitionTheStatesWithPendingInNeither() {
        assertThat(EnumSet.allOf(ExecutionState.class).stream().filter(ExecutionState::isLive)).containsExactly(STARTING, RUNNING);
        assertThat(EnumSet.allOf(ExecutionState.class).stream().filter(ExecutionState::isTerminal))
                .containsExactly(COMPLETED, FAILED, CANCELLED);
        assertThat(PENDING.isLive() || PENDING.isTerminal()).isFalse();
    }
}
