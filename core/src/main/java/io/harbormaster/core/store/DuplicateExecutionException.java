package io.harbormaster.core.store;

/** An execution with this id is already stored. */
public class DuplicateExecutionException extends StoreException {

    public DuplicateExecutionException(String id) {
        super("An execution with id " + id + " is already stored");
    }
}
