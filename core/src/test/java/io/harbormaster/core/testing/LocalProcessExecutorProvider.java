package io.harbormaster.core.testing;

import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorProvider;

/** Registers {@link LocalProcessExecutor} for the core's tests (and child-JVM nodes they start). */
public final class LocalProcessExecutorProvider implements ExecutorProvider {

    @Override
    public String type() {
        return LocalProcessExecutor.TYPE;
    }

    @Override
    public Executor create(ExecutorContext context) {
        return new LocalProcessExecutor(context.dataDir().resolve("executions"));
    }
}
