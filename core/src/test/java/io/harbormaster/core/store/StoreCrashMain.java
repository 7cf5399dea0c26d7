package io.harbormaster.core.store;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link StoreCrashHarness}: writes the store the way a busy node does, from several
 * threads at once (so writes share group commits) — creates, transitions, handle-style updates and
 * decision-log entries — and prints {@code ACK <id> <revision>} only once the store has returned, i.e.
 * once the write was acknowledged as durable. Ids start with the prefix given, so that every cycle of
 * a kill loop writes executions of its own.
 */
public final class StoreCrashMain {

    private StoreCrashMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MapDbExecutionStore store = MapDbExecutionStore.open(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        String prefix = args[2];
        System.out.println("READY");
        System.out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> writeForever(store, prefix + thread + "-"));
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void writeForever(MapDbExecutionStore store, String prefix) {
        for (int i = 0; ; i++) {
            String id = prefix + i;
            store.create(StoreFixtures.accepted(id, Instant.now()));
            ack(id, 1);
            store.transition(id, 1, Transition.to(ExecutionState.STARTING, "start"));
            ack(id, 2);
            Execution updated = store.update(id, 2, e -> e, "handle persisted");
            ack(id, updated.revision());
            store.transition(id, 3, Transition.to(ExecutionState.RUNNING, "up"));
            ack(id, 4);
            if (i % 4 == 0) {
                store.decisions().append(new DecisionRecord(0, Instant.now(), "plan-" + prefix, id, "APPLIED",
                        "auto", "crash loop"));
            }
            store.transition(id, 4, Transition.exited(i % 3 == 0 ? ExecutionState.FAILED : ExecutionState.COMPLETED,
                    i % 3 == 0 ? 1 : 0, "exit"));
            ack(id, 5);
        }
    }

    private static void ack(String id, long revision) {
        synchronized (System.out) {
            System.out.println("ACK " + id + " " + revision);
            System.out.flush();
        }
    }
}
