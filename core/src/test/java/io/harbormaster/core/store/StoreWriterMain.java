package io.harbormaster.core.store;

import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process: several threads write executions through their whole lifecycle without end, and
 * print {@code ACK <id> <revision>} only after the store returned, i.e. after the write was durable.
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MapDbExecutionStore store = MapDbExecutionStore.open(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = "k" + thread + "-" + i;
                    store.create(StoreFixtures.accepted(id));
                    ack(id, 1);
                    store.transition(id, 1, Transition.to(ExecutionState.STARTING, "start"));
                    ack(id, 2);
                    store.transition(id, 2, Transition.to(ExecutionState.RUNNING, "up"));
                    ack(id, 3);
                    store.transition(id, 3, Transition.exited(ExecutionState.COMPLETED, 0, "exit 0"));
                    ack(id, 4);
                }
            });
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void ack(String id, long revision) {
        synchronized (System.out) {
            System.out.println("ACK " + id + " " + revision);
            System.out.flush();
        }
    }
}
