package io.harbormaster.core.store;

/** Another live process holds the store. */
public class StoreLockedException extends StoreException {

    private final long pid;

    public StoreLockedException(String path, long pid) {
        super("The store " + path + " is in use by pid " + pid
                + ". Stop that node (harbormaster shutdown) or use another --data-dir.");
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }
}
