package io.harbormaster.core.store;

import java.io.IOException;
import java.nio.file.Path;

/** Child process: opens the store given as argument, says OPEN, and holds it until stdin closes. */
public final class StoreHolderMain {

    private StoreHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        try (MapDbExecutionStore store = MapDbExecutionStore.open(Path.of(args[0]))) {
            System.out.println("OPEN " + store.countByState().size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent goes away
            }
        }
    }
}
