package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExecutorProgress;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.ResourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Images that are not on the engine: pulled from the loopback registry with progress, or a clear error. */
@RequiresDockerEngine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerImagePullTest {

    @TempDir
    Path dir;

    private TestEngine engine;
    private DockerExecutor executor;

    @BeforeEach
    void connect() {
        engine = new TestEngine();
        executor = engine.executor();
    }

    @AfterEach
    void cleanUp() throws Exception {
        executor.close();
        engine.close();
    }

    @Test
    void aMissingImageIsPulledFromTheRegistryWithProgressEvents() throws Exception {
        String registry = registry();
        String repository = registry + "/harbormaster-test/busybox";
        String tag = "pull-" + UUID.randomUUID().toString().substring(0, 8);
        String image = repository + ":" + tag;
        // an image of its own (a new layer over the test image), so the pull really downloads a layer
        String maker = engine.docker.createContainerCmd(TestEngine.IMAGE)
                .withCmd("sh", "-c", "head -c 300000 /dev/urandom > /payload").exec().getId();
        engine.docker.startContainerCmd(maker).exec();
        engine.docker.waitContainerCmd(maker).start().awaitStatusCode(60, TimeUnit.SECONDS);
        engine.docker.commitCmd(maker).withRepository(repository).withTag(tag).exec();
        engine.docker.removeContainerCmd(maker).exec();
        engine.docker.pushImageCmd(repository).withTag(tag).exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion();
        engine.docker.removeImageCmd(image).exec();
        List<PullProgress> steps = new CopyOnWriteArrayList<>();
        executor.addPullListener(steps::add);
        List<ExecutorProgress> reported = new CopyOnWriteArrayList<>();
        executor.addProgressListener(reported::add);
        try {
            StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                    new DockerEngineSpec(image, List.of(), List.of("echo", "pulled"), List.of(), null), List.of(), ResourceSpec.NONE);

            ExecutorHandle handle = executor.start(request);
            ExitResult exit = executor.await(TestEngine.ref(request, handle)).toCompletableFuture().get();

            assertThat(exit.exitCode()).isZero();
            assertThat(Files.readString(request.files().stdout())).isEqualTo("pulled\n");
            assertThat(steps).isNotEmpty().allSatisfy(step -> assertThat(step.image()).isEqualTo(image));
            assertThat(steps).anySatisfy(step -> assertThat(step.layer()).isNotNull());
            PullProgress last = steps.stream().filter(step -> step.layersSeen() > 0).reduce((a, b) -> b).orElseThrow();
            assertThat(last.layersDone()).isEqualTo(last.layersSeen());
            assertThat(last.bytesTotal()).isGreaterThan(100_000);
            assertThat(steps).anySatisfy(step -> assertThat(step.status()).startsWith("Downloading"));
            assertThat(reported).anySatisfy(step -> assertThat(step.message()).startsWith("Pulling " + image + ": "));
            assertThat(reported.get(reported.size() - 1)).isEqualTo(new ExecutorProgress(image, "Pulled " + image, 1.0, true));
        } finally {
            try {
                engine.docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // the pull failed before it arrived
            }
        }
    }

    @Test
    void anImageTheRegistryDoesNotHaveFailsNamingImageAndRegistry() {
        String registry = registry();
        String image = registry + "/harbormaster-test/missing:1";
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                new DockerEngineSpec(image, List.of(), List.of("true"), List.of(), null), List.of(), ResourceSpec.NONE);

        assertThatThrownBy(() -> executor.start(request)).isInstanceOf(ExecutorException.class)
                .hasMessageContaining("'" + image + "'").hasMessageContaining("registry '" + registry + "'");
        assertThat(engine.containersOf(request.executionId())).isEmpty();
    }

    @Test
    void anUnreachableRegistryFailsNamingImageAndRegistry() {
        String image = "127.0.0.1:1/harbormaster-test/nowhere:1";
        StartRequest request = TestEngine.request(dir, TestEngine.newExecutionId(),
                new DockerEngineSpec(image, List.of(), List.of("true"), List.of(), null), List.of(), ResourceSpec.NONE);

        assertThatThrownBy(() -> executor.start(request)).isInstanceOf(ExecutorException.class)
                .hasMessageContaining("Cannot pull image '" + image + "' from registry '127.0.0.1:1'");
        assertThat(engine.containersOf(request.executionId())).isEmpty();
    }

    /** The loopback registry that {@code .ci/docker-engine} starts; required under CI. */
    private static String registry() {
        String registry = System.getenv("HARBORMASTER_TEST_REGISTRY");
        if (registry == null || registry.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but HARBORMASTER_TEST_REGISTRY is not set: .ci/docker-engine "
                        + "starts one when the docker-registry package is installed");
            }
            Assumptions.abort("no test registry: install docker-registry and export the HARBORMASTER_TEST_REGISTRY line "
                    + ".ci/docker-engine prints");
        }
        return registry;
    }
}
