package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExecutorProvider;

/** Registers the Docker executor for engine type {@code docker}. */
public final class DockerExecutorProvider implements ExecutorProvider {

    @Override
    public String type() {
        return DockerExecutor.TYPE;
    }

    @Override
    public Executor create(ExecutorContext context) {
        try {
            return new DockerExecutor(context.nodeId(), DockerSettings.from(context.settings()));
        } catch (IllegalArgumentException badSetting) {
            throw new ExecutorException(badSetting.getMessage(), false, badSetting);
        }
    }
}
