package io.harbormaster.executors.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.ResourceSpec;
import io.harbormaster.core.spec.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test engine seen directly through docker-java, to check what the executor did and to clean up after it. */
public final class TestEngine implements AutoCloseable {

    public static final String IMAGE = "harbormaster-test/busybox:1";

    public final String host = System.getenv(RequiresDockerEngine.HOST_VARIABLE);
    public final String nodeId = "n-test-" + UUID.randomUUID();
    public final DockerClient docker;

    public TestEngine() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    public DockerExecutor executor() {
        return new DockerExecutor(nodeId, DockerSettings.forHost(host));
    }

    public DockerExecutor keepingExecutor() {
        return new DockerExecutor(nodeId, DockerSettings.forHost(host).keepingContainers(true));
    }

    /** Containers of one execution, in any state. */
    public List<Container> containersOf(String executionId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId, DockerLabels.EXECUTION, executionId)).exec();
    }

    public InspectContainerResponse inspect(String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    public static StartRequest request(Path dir, String executionId, List<String> command) {
        return request(dir, executionId, new DockerEngineSpec(IMAGE, List.of(), command, List.of(), null), List.of(), ResourceSpec.NONE);
    }

    public static StartRequest request(Path dir, String executionId, DockerEngineSpec docker, List<InputSource> inputs, ResourceSpec resources) {
        TaskSpec task = new TaskSpec("main", EngineSpec.docker(docker), Map.of(), inputs, null, resources);
        JobSpec spec = new JobSpec("test-job", "default", JobType.BATCH, 1, Map.of(), Map.of(), task);
        return new StartRequest(executionId, "j-" + executionId, 1, spec, ExecutionFiles.under(dir, executionId));
    }

    public static ExecutionRef ref(StartRequest request, io.harbormaster.core.execution.ExecutorHandle handle) {
        return new ExecutionRef(request.executionId(), handle, null, request.files());
    }

    public static String newExecutionId() {
        return "e-" + UUID.randomUUID();
    }

    /** Removes every container this test's node created; other nodes' containers are not ours to remove. */
    @Override
    public void close() throws IOException {
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId)).exec()) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // removed by the executor meanwhile
            }
        }
        docker.close();
    }
}
