package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.testing.TestJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutionDriverTest {

    @TempDir
    Path dataDir;

    @Test
    void anExecutorThatThrowsUnexpectedlyFailsTheExecutionInsteadOfLeavingItStarting() {
        BrokenExecutor broken = new BrokenExecutor();
        DataDirectory dir = new DataDirectory(dataDir);
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (MapDbExecutionStore store = MapDbExecutionStore.open(dir.storeDir());
             NodeEventBus events = new NodeEventBus(Clock.systemUTC())) {
            ExecutorHosting hosting = new ExecutorHosting(ExecutorRegistry.of(List.of(broken)), NodeConfig.DEFAULTS,
                    "n-test", dir);
            ExecutionDriver driver = new ExecutionDriver(store, hosting, dir, events, workers, timers);
            var spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker")).parse(TestJobs.batch("true")).spec();
            store.create(Execution.accepted("e-broken", "j-broken", spec, Instant.now()));

            driver.launch("e-broken");

            ComputeNodeTest.await(() -> store.get("e-broken").orElseThrow().state().isTerminal());
            Execution failed = store.get("e-broken").orElseThrow();
            assertThat(failed.state()).isEqualTo(ExecutionState.FAILED);
            assertThat(failed.reason()).contains("docker executor failed while starting it").contains("socket closed");
            assertThat(broken.stops.get()).as("whatever it may have started is stopped").isEqualTo(1);
        } finally {
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }

    /** Throws an unchecked exception from start, the way a buggy executor or client library might. */
    private static final class BrokenExecutor implements Executor {
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public String type() {
            return "docker";
        }

        @Override
        public ExecutorHandle start(StartRequest request) {
            throw new IllegalStateException("socket closed");
        }

        @Override
        public Map<String, Observation> recover(List<ExecutionRef> refs) {
            return Map.of();
        }

        @Override
        public CompletionStage<ExitResult> await(ExecutionRef ref) {
            return new CompletableFuture<>();
        }

        @Override
        public void stop(ExecutionRef ref, Duration grace) {
            stops.incrementAndGet();
        }

        @Override
        public List<OwnedResource> owned() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
