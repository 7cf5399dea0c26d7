package io.harbormaster.core.store;

import io.harbormaster.core.HarbormasterException;

/** The execution store could not do what was asked. */
public class StoreException extends HarbormasterException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String userMessage, String technicalMessage, Throwable cause) {
        super(userMessage, technicalMessage, cause);
    }
}
