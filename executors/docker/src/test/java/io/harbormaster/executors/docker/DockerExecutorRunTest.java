package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.ResourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A job's container on a real engine: what reaches it, how it ends, where its output goes. */
@RequiresDockerEngine
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerExecutorRunTest {

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
    void everySpecFieldReachesTheContainer() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("in"));
        Path readWrite = Files.createDirectories(dir.resolve("out"));
        DockerEngineSpec docker = new DockerEngineSpec(TestEngine.IMAGE, List.of("/bin/sh", "-c"),
                List.of("pwd; echo $GREETING"), List.of("GREETING=hello", "OTHER=x"), "/tmp");
        StartRequest request = TestEngine.request(dir.resolve("executions"), TestEngine.newExecutionId(), docker,
                List.of(InputSource.localDirectory(readOnly.toString(), "/inputs", false),
                        InputSource.localDirectory(readWrite.toString(), "/outputs", true)),
                new ResourceSpec("500m", "64Mb", 500, 64L * 1024 * 1024));

        ExecutorHandle handle = executor.start(request);
        ExitResult exit = executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get();

        InspectContainerResponse container = engine.inspect(handle.attribute(DockerExecutor.CONTAINER_ID));
        assertThat(container.getName()).isEqualTo("/hm-" + request.executionId());
        assertThat(handle.attribute(DockerExecutor.CONTAINER_NAME)).isEqualTo("hm-" + request.executionId());
        assertThat(container.getConfig().getImage()).isEqualTo(TestEngine.IMAGE);
        assertThat(container.getConfig().getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(container.getConfig().getCmd()).containsExactly("pwd; echo $GREETING");
        assertThat(container.getConfig().getEnv()).contains("GREETING=hello", "OTHER=x");
        assertThat(container.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(container.getConfig().getLabels()).containsEntry(DockerLabels.NODE, engine.nodeId)
                .containsEntry(DockerLabels.EXECUTION, request.executionId())
                .containsEntry(DockerLabels.JOB, request.jobId());
        assertThat(container.getHostConfig().getNetworkMode()).isEqualTo("none");
        assertThat(container.getHostConfig().getInit()).isTrue();
        assertThat(container.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(Arrays.asList(container.getHostConfig().getBinds())).extracting(Bind::getPath, bind -> bind.getVolume().getPath(),
                Bind::getAccessMode).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(readOnly.toString(), "/inputs", AccessMode.ro),
                        org.assertj.core.groups.Tuple.tuple(readWrite.toString(), "/outputs", AccessMode.rw));
        assertThat(exit.exitCode()).isZero();
        assertThat(Files.readString(request.files().stdout())).isEqualTo("/tmp\nhello\n");
    }

    @Test
    void exitCodesZeroAndThreeAreReportedByAwait() throws Exception {
        StartRequest ok = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("true"));
        StartRequest three = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sh", "-c", "exit 3"));

        ExitResult okExit = executor.await(TestEngine.ref(ok, executor.start(ok))).toCompletableFuture().get();
        ExitResult threeExit = executor.await(TestEngine.ref(three, executor.start(three))).toCompletableFuture().get();

        assertThat(okExit.exitCode()).isZero();
        assertThat(threeExit.exitCode()).isEqualTo(3);
        assertThat(threeExit.finishedAt()).isNotNull();
        assertThat(Files.readString(three.files().exit())).contains("\"exitCode\":3", "\"finishedAt\"");
    }

    @Test
    void stdoutAndStderrLandInTheirOwnFiles() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                List.of("sh", "-c", "echo out-1; echo err-1 >&2; sleep 1; echo out-2; echo err-2 >&2"));

        executor.await(TestEngine.ref(request, executor.start(request))).toCompletableFuture().get();

        assertThat(Files.readString(request.files().stdout(), StandardCharsets.UTF_8)).isEqualTo("out-1\nout-2\n");
        assertThat(Files.readString(request.files().stderr(), StandardCharsets.UTF_8)).isEqualTo("err-1\nerr-2\n");
    }

    @Test
    void finishedContainerIsRemovedOnceItsExitIsStoredUnlessKept() throws Exception {
        try (DockerExecutor removing = engine.executor()) {
            StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("echo", "bye"));

            removing.await(TestEngine.ref(request, removing.start(request))).toCompletableFuture().get();

            assertThat(engine.containersOf(request.executionId())).isEmpty();
            assertThat(Files.readString(request.files().stdout())).isEqualTo("bye\n");
            assertThat(request.files().exit()).exists();
        }
    }

    @Test
    void stoppingASleepingContainerIsPromptAndRecorded() throws Exception {
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(), List.of("sleep", "300"));
        ExecutorHandle handle = executor.start(request);
        awaitRunning(handle);

        long before = System.nanoTime();
        executor.stop(TestEngine.ref(request, handle), Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        ExitResult exit = executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(request.files().exit()).exists();
    }

    private void awaitRunning(ExecutorHandle handle) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Boolean.TRUE.equals(engine.inspect(handle.attribute(DockerExecutor.CONTAINER_ID)).getState().getRunning())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("container did not start running");
    }
}
