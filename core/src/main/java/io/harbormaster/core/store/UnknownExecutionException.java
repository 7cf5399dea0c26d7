package io.harbormaster.core.store;

/** No execution with this id is stored. */
public class UnknownExecutionException extends StoreException {

    public UnknownExecutionException(String id) {
        super("No execution with id " + id);
    }
}
