package io.harbormaster.core.store;

/** The store was written by a newer Harbormaster whose schema this version does not know. */
public class StoreSchemaException extends StoreException {

    public StoreSchemaException(String path, int found, int supported) {
        super("The store " + path + " has schema version " + found + ", newer than this Harbormaster supports ("
                + supported + "). Upgrade Harbormaster, or point --data-dir elsewhere; the file is left untouched.");
    }
}
