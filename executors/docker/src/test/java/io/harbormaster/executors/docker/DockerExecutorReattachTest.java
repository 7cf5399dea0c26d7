package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node went away (its executor closed) while a container ran; a new executor, as after a
 * restart, finds the container by label and follows it or adopts its result, never running it twice.
 */
@RequiresDockerEngine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerExecutorReattachTest {

    @TempDir
    Path dir;

    private TestEngine engine;

    @BeforeEach
    void connect() {
        engine = new TestEngine();
    }

    @AfterEach
    void cleanUp() throws Exception {
        engine.close();
    }

    @Test
    void aContainerStillRunningAfterTheRestartIsFollowedToItsEndFromOneCreate() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                List.of("sh", "-c", "echo before; sleep 2; echo after"));
        ExecutorHandle handle;
        try (DockerExecutor beforeCrash = engine.executor()) {
            handle = beforeCrash.start(request);
        }

        try (DockerExecutor afterRestart = engine.executor()) {
            ExecutionRef withoutHandle = new ExecutionRef(request.executionId(), null, null, request.files());
            Observation seen = afterRestart.recover(List.of(withoutHandle)).get(request.executionId());
            assertThat(afterRestart.start(request).attribute(DockerExecutor.CONTAINER_ID))
                    .isEqualTo(handle.attribute(DockerExecutor.CONTAINER_ID));
            ExitResult exit = afterRestart.await(withoutHandle).toCompletableFuture().get();

            assertThat(seen).isInstanceOf(Observation.Running.class);
            assertThat(exit.exitCode()).isZero();
        }
        assertThat(Files.readAllLines(request.files().stdout())).containsExactly("before", "after");
        assertThat(eventsOf(request.executionId(), since)).containsExactly("create", "start", "die", "destroy");
    }

    @Test
    void aContainerThatExitedWhileTheNodeWasDownHasItsRealCodeAndLogsAdoptedWithoutARestart() throws Exception {
        long since = Instant.now().getEpochSecond() - 1;
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                List.of("sh", "-c", "echo partial; sleep 1; echo rest >&2; exit 4"));
        try (DockerExecutor beforeCrash = engine.executor()) {
            beforeCrash.start(request);
        }
        awaitState(request.executionId(), "exited");

        try (DockerExecutor afterRestart = engine.executor()) {
            ExecutionRef ref = new ExecutionRef(request.executionId(), null, null, request.files());
            Observation seen = afterRestart.recover(List.of(ref)).get(request.executionId());
            ExitResult exit = afterRestart.await(ref).toCompletableFuture().get();

            assertThat(seen).isInstanceOfSatisfying(Observation.Exited.class, exited -> assertThat(exited.exitCode()).isEqualTo(4));
            assertThat(exit.exitCode()).isEqualTo(4);
        }
        assertThat(Files.readString(request.files().stdout())).isEqualTo("partial\n");
        assertThat(Files.readString(request.files().stderr())).isEqualTo("rest\n");
        assertThat(eventsOf(request.executionId(), since)).containsExactly("create", "start", "die", "destroy");
    }

    /** The engine's own record of what happened to the execution's containers: create, start, die, destroy. */
    private List<String> eventsOf(String executionId, long sinceEpochSecond) throws InterruptedException {
        List<String> actions = new CopyOnWriteArrayList<>();
        engine.docker.eventsCmd().withSince(String.valueOf(sinceEpochSecond))
                .withUntil(String.valueOf(Instant.now().getEpochSecond() + 1))
                .withLabelFilter(Map.of(DockerLabels.EXECUTION, executionId))
                .withEventTypeFilter("container")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        String action = event.getAction();
                        if (List.of("create", "start", "die", "destroy").contains(action)) {
                            actions.add(action);
                        }
                    }
                }).awaitCompletion(30, TimeUnit.SECONDS);
        return actions;
    }

    private void awaitState(String executionId, String state) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (engine.containersOf(executionId).stream().anyMatch(c -> state.equals(c.getState()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("container of " + executionId + " never reached " + state);
    }
}
