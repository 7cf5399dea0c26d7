package io.harbormaster.core.store;

/** A compare-and-set lost: someone changed the execution since it was read. Re-read and retry. */
public class RevisionConflictException extends StoreException {

    private final long actualRevision;

    public RevisionConflictException(String id, long expected, long actual) {
        super("Execution " + id + " changed meanwhile: expected revision " + expected + ", found " + actual);
        this.actualRevision = actual;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
