package io.harbormaster.core.store;

import java.nio.file.Path;

/**
 * The store file could not be read. It has been moved aside, never deleted; the message says where
 * and how to restore it, and whether a last-good checkpoint exists.
 */
public class StoreCorruptException extends StoreException {

    private final Path movedTo;
    private final Path checkpoint;

    public StoreCorruptException(String userMessage, Path movedTo, Path checkpoint, Throwable cause) {
        super(userMessage, userMessage + (cause == null ? "" : " (" + cause + ")"), cause);
        this.movedTo = movedTo;
        this.checkpoint = checkpoint;
    }

    public Path movedTo() {
        return movedTo;
    }

    /** The last-good checkpoint the node can offer, or null if there is none. */
    public Path checkpoint() {
        return checkpoint;
    }
}
