package io.harbormaster.core.executor;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;

/**
 * An execution as an executor is asked about it. {@code handle} is null when the node crashed before
 * persisting it: the executor must then look for the execution by id (labels, files).
 */
public record ExecutionRef(String executionId, ExecutorHandle handle, ReattachConfig reattach, ExecutionFiles files) {

    public static ExecutionRef of(Execution execution, ExecutionFiles files) {
        return new ExecutionRef(execution.id(), execution.handle(), execution.reattach(), files);
    }
}
