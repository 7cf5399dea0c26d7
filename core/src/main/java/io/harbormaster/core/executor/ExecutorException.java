package io.harbormaster.core.executor;

import io.harbormaster.core.HarbormasterException;

/** An executor could not do what was asked; {@link #isRecoverable()} says whether a retry may help. */
public class ExecutorException extends HarbormasterException {

    private final boolean recoverable;

    public ExecutorException(String message, boolean recoverable, Throwable cause) {
        super(message, cause);
        this.recoverable = recoverable;
    }

    public ExecutorException(String message, boolean recoverable) {
        this(message, recoverable, null);
    }

    public boolean isRecoverable() {
        return recoverable;
    }
}
