package io.harbormaster.core.plugin;

import io.harbormaster.core.executor.ExecutorException;

/** A plugin process could not be started, reached or understood. Subclasses name the failure. */
public class PluginException extends ExecutorException {

    public PluginException(String message, boolean recoverable, Throwable cause) {
        super(message, recoverable, cause);
    }

    public PluginException(String message, boolean recoverable) {
        this(message, recoverable, null);
    }
}
