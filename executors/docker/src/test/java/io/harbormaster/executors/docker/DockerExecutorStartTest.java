package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** start is idempotent on the execution id: whatever an earlier start left, it never makes a second container. */
@RequiresDockerEngine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerExecutorStartTest {

    @TempDir
    Path dir;

    private TestEngine engine;
    private DockerExecutor executor;

    @BeforeEach
    void connect() {
        engine = new TestEngine();
        executor = engine.keepingExecutor();
    }

    @AfterEach
    void cleanUp() throws Exception {
        executor.close();
        engine.close();
    }

    @Test
    void startingTwiceCreatesOneContainerAndReturnsItTwice() {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "300"));

        ExecutorHandle first = executor.start(request);
        ExecutorHandle second = executor.start(request);

        assertThat(second.attribute(DockerExecutor.CONTAINER_ID)).isEqualTo(first.attribute(DockerExecutor.CONTAINER_ID));
        assertThat(engine.containersOf(request.executionId())).hasSize(1);
    }

    @Test
    void concurrentStartsOfOneExecutionEndWithOneContainer() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "300"));

        CompletableFuture<ExecutorHandle> one = CompletableFuture.supplyAsync(() -> executor.start(request));
        CompletableFuture<ExecutorHandle> two = CompletableFuture.supplyAsync(() -> executor.start(request));

        assertThat(one.get().attribute(DockerExecutor.CONTAINER_ID)).isEqualTo(two.get().attribute(DockerExecutor.CONTAINER_ID));
        assertThat(engine.containersOf(request.executionId())).hasSize(1);
    }

    @Test
    void startAfterTheContainerExitedReportsThatExitWithoutStartingItAgain() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sh", "-c", "echo once; exit 3"));
        ExecutorHandle handle = executor.start(request);
        executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get();
        awaitExited(handle.attribute(DockerExecutor.CONTAINER_ID));
        // as if the node died before the exit was stored: only the container knows it
        String startedAt = engine.inspect(handle.attribute(DockerExecutor.CONTAINER_ID)).getState().getStartedAt();
        Files.deleteIfExists(request.files().exit());

        try (DockerExecutor afterRestart = engine.keepingExecutor()) {
            ExecutorHandle again = afterRestart.start(request);
            ExitResult exit = afterRestart.await(TestEngine.ref(request, again)).toCompletableFuture().get();

            assertThat(again.attribute(DockerExecutor.CONTAINER_ID)).isEqualTo(handle.attribute(DockerExecutor.CONTAINER_ID));
            assertThat(exit.exitCode()).isEqualTo(3);
        }
        assertThat(engine.inspect(handle.attribute(DockerExecutor.CONTAINER_ID)).getState().getStartedAt()).isEqualTo(startedAt);
        assertThat(engine.containersOf(request.executionId())).hasSize(1);
    }

    @Test
    void startAfterTheExitWasRecordedAndTheContainerRemovedDoesNotRunItAgain() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("echo", "once"));
        try (DockerExecutor removing = engine.executor()) {
            removing.await(TestEngine.ref(request, removing.start(request))).toCompletableFuture().get();

            ExecutorHandle again = removing.start(request);
            ExitResult exit = removing.await(TestEngine.ref(request, again)).toCompletableFuture().get();

            assertThat(exit.exitCode()).isZero();
        }
        assertThat(engine.containersOf(request.executionId())).isEmpty();
        assertThat(Files.readString(request.files().stdout())).isEqualTo("once\n");
    }

    @Test
    void aCreatedButNeverStartedContainerIsStartedByStart() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("echo", "late"));
        String created = ContainerBlueprint.of(engine.nodeId, request).toCommand(engine.docker).exec().getId();

        ExecutorHandle handle = executor.start(request);
        ExitResult exit = executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get();

        assertThat(handle.attribute(DockerExecutor.CONTAINER_ID)).isEqualTo(created);
        assertThat(exit.exitCode()).isZero();
        assertThat(Files.readString(request.files().stdout())).isEqualTo("late\n");
        assertThat(engine.containersOf(request.executionId())).hasSize(1);
    }

    @Test
    void aContainerHoldingOurNameWithoutOurLabelsIsReportedAndLeftAlone() {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("echo", "x"));
        String stranger = engine.docker.createContainerCmd(TestEngine.IMAGE).withName(DockerLabels.containerName(request.executionId()))
                .withCmd("sleep", "300").exec().getId();
        try {
            assertThatThrownBy(() -> executor.start(request)).isInstanceOf(ExecutorException.class)
                    .hasMessageContaining("is taken by a container that is not this execution's");
            assertThat(engine.inspect(stranger).getState().getStatus()).isEqualTo("created");
        } finally {
            engine.docker.removeContainerCmd(stranger).withForce(true).exec();
        }
    }

    @Test
    void reattachedLogsContinueFromTheLastStoredLineWithoutRepeats() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                List.of("sh", "-c", "for i in 1 2 3 4 5 6; do echo line-$i; sleep 0.3; done"));
        ExecutorHandle handle = executor.start(request);
        Thread.sleep(800);
        executor.close();

        executor = engine.keepingExecutor();
        ExitResult exit = executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get();

        assertThat(exit.exitCode()).isZero();
        assertThat(Files.readAllLines(request.files().stdout()))
                .containsExactly("line-1", "line-2", "line-3", "line-4", "line-5", "line-6");
    }

    private void awaitExited(String containerId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Container> listed = engine.docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerLabels.NODE, engine.nodeId)).exec();
            if (listed.stream().anyMatch(c -> c.getId().equals(containerId) && "exited".equals(c.getState()))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("container did not exit");
    }
}
