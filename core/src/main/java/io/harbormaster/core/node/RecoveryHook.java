package io.harbormaster.core.node;

import io.harbormaster.core.execution.Execution;
import java.util.List;

/**
 * Runs once at node start, after the store opened and before PENDING executions start, with the
 * executions the store says were live. {@link LiveExecutionRecovery} is the default; {@link #NONE}
 * leaves live executions exactly as the store has them.
 */
@FunctionalInterface
public interface RecoveryHook {

    RecoveryHook NONE = (node, live) -> { };

    void recover(ComputeNode node, List<Execution> liveAtStart);
}
