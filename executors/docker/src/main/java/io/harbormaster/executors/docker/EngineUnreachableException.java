package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.ExecutorException;

/** The Docker engine did not answer: nothing can be said about its containers, so nothing is decided. */
public class EngineUnreachableException extends ExecutorException {

    public EngineUnreachableException(String host, Throwable cause) {
        super("Docker engine at " + host + " is unreachable: " + rootMessage(cause), true, cause);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
