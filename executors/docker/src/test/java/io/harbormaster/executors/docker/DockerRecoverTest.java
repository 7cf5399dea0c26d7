package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What recover and owned see after a restart, and that they see only this node's containers. */
@RequiresDockerEngine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerRecoverTest {

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
    void oneListCallTellsRunningExitedNotStartedAndGoneApart() throws Exception {
        StartRequest running = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "300"));
        StartRequest exited = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sh", "-c", "exit 3"));
        StartRequest recorded = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        StartRequest gone = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        StartRequest notStarted = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        // the node died between create and start
        ContainerBlueprint.of(engine.nodeId, notStarted).toCommand(engine.docker).exec();
        ExecutorHandle runningHandle = executor.start(running);
        ExecutorHandle exitedHandle = executor.start(exited);
        executor.await(TestEngine.ref(exited, exitedHandle)).toCompletableFuture().get();
        // the node died before storing this exit: only the container knows the code
        Files.delete(exited.files().exit());
        try (DockerExecutor removing = engine.executor()) {
            removing.await(TestEngine.ref(recorded, removing.start(recorded))).toCompletableFuture().get();
        }
        executor.close();

        Map<String, Observation> seen;
        try (RecordingEngineProxy proxy = new RecordingEngineProxy(dir, engine.host);
             DockerExecutor restarted = new DockerExecutor(engine.nodeId, DockerSettings.forHost(proxy.host()))) {
            seen = restarted.recover(List.of(TestEngine.ref(running, runningHandle), TestEngine.ref(exited, null),
                    TestEngine.ref(recorded, null), TestEngine.ref(gone, null), TestEngine.ref(notStarted, null)));

            assertThat(proxy.count("^GET \\S*/containers/json")).as(proxy.requests().toString()).isEqualTo(1);
            assertThat(proxy.count("^GET \\S*/containers/[^/ ]+/json")).as("one inspect, for the exited one").isEqualTo(1);
        }
        assertThat(seen.get(running.executionId())).isInstanceOf(Observation.Running.class);
        assertThat(seen.get(running.executionId()).evidence()).startsWith("container hm-" + running.executionId() + " running since");
        assertThat(seen.get(exited.executionId())).isInstanceOfSatisfying(Observation.Exited.class, exit -> {
            assertThat(exit.exitCode()).isEqualTo(3);
            assertThat(exit.finishedAt()).isNotNull();
        });
        assertThat(seen.get(recorded.executionId())).isInstanceOfSatisfying(Observation.Exited.class,
                exit -> assertThat(exit.exitCode()).isZero());
        assertThat(seen.get(gone.executionId())).isInstanceOf(Observation.Gone.class);
        assertThat(seen.get(notStarted.executionId())).isInstanceOf(Observation.NotStarted.class);
        assertThat(seen.get(notStarted.executionId()).evidence()).contains("created but never started");
    }

    @Test
    void anUnreachableEngineMakesEveryExecutionUnknownNeverGone() {
        String nowhere = "unix://" + dir.resolve("no-such-engine.sock");
        StartRequest one = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        StartRequest two = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        try (DockerExecutor blind = new DockerExecutor(engine.nodeId, DockerSettings.forHost(nowhere))) {
            Map<String, Observation> seen = blind.recover(List.of(TestEngine.ref(one, null), TestEngine.ref(two, null)));

            assertThat(seen).hasSize(2);
            assertThat(seen.values()).allSatisfy(observation -> {
                assertThat(observation).isInstanceOf(Observation.Unknown.class);
                assertThat(observation.evidence()).contains("no-such-engine.sock");
            });
        }
    }

    @Test
    void startFailsFastWithTheEngineHostWhenTheEngineIsUnreachable() {
        String nowhere = "unix://" + dir.resolve("no-such-engine.sock");
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        try (DockerExecutor blind = new DockerExecutor(engine.nodeId, DockerSettings.forHost(nowhere))) {
            long before = System.nanoTime();

            assertThatThrownBy(() -> blind.start(request)).isInstanceOf(ExecutorException.class)
                    .hasMessageContaining("Docker engine at " + nowhere + " is unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void ownedListsOnlyThisNodesContainersAndLeavesOthersUntouched() throws Exception {
        StartRequest ours = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "300"));
        ExecutorHandle handle = executor.start(ours);
        String otherNodes = engine.docker.createContainerCmd(TestEngine.IMAGE).withCmd("sleep", "300")
                .withLabels(DockerLabels.of("n-someone-else", ours.executionId(), "j-x")).exec().getId();
        String unlabelled = engine.docker.createContainerCmd(TestEngine.IMAGE).withCmd("sleep", "300").exec().getId();
        try {
            List<OwnedResource> owned = executor.owned();
            Map<String, Observation> seen = executor.recover(List.of(new ExecutionRef(ours.executionId(), null, null, ours.files())));
            executor.stop(TestEngine.ref(ours, handle), Duration.ZERO);

            assertThat(owned).singleElement().satisfies(resource -> {
                assertThat(resource.id()).isEqualTo(handle.attribute(DockerExecutor.CONTAINER_ID));
                assertThat(resource.executionId()).isEqualTo(ours.executionId());
                assertThat(resource.proof()).startsWith("label io.harbormaster.node=" + engine.nodeId);
            });
            assertThat(seen.get(ours.executionId())).isInstanceOf(Observation.Running.class);
            assertThat(engine.inspect(otherNodes).getState().getStatus()).isEqualTo("created");
            assertThat(engine.inspect(unlabelled).getState().getStatus()).isEqualTo("created");
        } finally {
            engine.docker.removeContainerCmd(otherNodes).withForce(true).exec();
            engine.docker.removeContainerCmd(unlabelled).withForce(true).exec();
        }
    }
}
