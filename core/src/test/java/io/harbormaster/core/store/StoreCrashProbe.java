package io.harbormaster.core.store;

/** Whether an open had to rebuild a damaged store file from the checkpoint and the journal. */
final class StoreCrashProbe {

    private StoreCrashProbe() {
    }

    static boolean repaired(MapDbExecutionStore store) {
        return store.repair().isPresent();
    }
}
