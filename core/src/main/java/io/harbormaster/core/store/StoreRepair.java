package io.harbormaster.core.store;

import java.nio.file.Path;

/**
 * What opening the store did about a damaged file: it was moved aside (never deleted) and the store
 * rebuilt from the last-good checkpoint, if there was one, and the journal, so nothing acknowledged was
 * lost. The node tells the operator; the damaged file stays for inspection.
 *
 * @param movedTo            where the damaged file went
 * @param checkpoint         the checkpoint the store was rebuilt from, null if it was rebuilt from the journal alone
 * @param recordsReplayed    journal records applied on top
 * @param cause              what was wrong with the file, in MapDB's words
 */
public record StoreRepair(Path movedTo, Path checkpoint, int recordsReplayed, String cause) {

    /** One paragraph for the operator. */
    public String message() {
        return "The store file was damaged (" + cause + ") and was moved, not deleted, to " + movedTo
                + ". The store was rebuilt from " + (checkpoint == null ? "its journal" : "the last-good checkpoint and "
                + recordsReplayed + " journal records written since") + ": no acknowledged write was lost. The"
                + " damaged file can be removed once you have no use for it.";
    }
}
