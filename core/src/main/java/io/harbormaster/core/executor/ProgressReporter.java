package io.harbormaster.core.executor;

import java.util.function.Consumer;

/**
 * Implemented by executors whose starts can take long (Docker pulling an image), so the node can
 * pass how far along they are to its front ends as {@code EXECUTOR_PROGRESS} events.
 */
public interface ProgressReporter {

    /** {@code listener} is called on the executor's own thread and must return quickly. */
    void addProgressListener(Consumer<ExecutorProgress> listener);
}
