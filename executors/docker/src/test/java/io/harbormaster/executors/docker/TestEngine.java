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
final class TestEngine implements AutoCloseable {

    static final String IMAGE = "harbormaster-test/busybox:1";

    final String host = System.getenv(RequiresDockerEngine.HOST_VARIABLE);
    final String nodeId = "n-test-" + UUID.randomUUID();
    final DockerClient docker;

    TestEngine() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    DockerExecutor executor() {
        return new DockerExecutor(nodeId, DockerSettings.forHost(host));
    }

    DockerExecutor keepingExecutor() {
        return new DockerExecutor(nodeId, DockerSettings.forHost(host).keepingContainers(true));
    }

    /** Containers of one execution, in any state. */
    List<Container> containersOf(String executionId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLabels.NODE, nodeId, DockerLabels.EXECUTION, executionId)).exec();
    }

    InspectContainerResponse inspect(String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    static StartRequest request(Path dir, String executionId, List<String> command) {
        return request(dir, executionId, new DockerEngineSpec(IMAGE, List.of(), command, List.of(), null), List.of(), ResourceSpec.NONE);
    }

    static StartRequest request(Path dir, String executionId, DockerEngineSpec docker, List<InputSource> inputs, ResourceSpec resources) {
        TaskSpec task = new TaskSpec("main", EngineSpec.docker(docker), Map.of(), inputs, null, resources);
        JobSpec spec = new JobSpec("test-job", "default", JobType.BATCH, 1, Map.of(), Map.of(), task);
        return new StartRequest(executionId, "j-" + executionId, 1, spec, ExecutionFiles.under(dir, executionId));
    }

    static ExecutionRef ref(StartRequest request, io.harbormaster.core.execution.ExecutorHandle handle) {
        return new ExecutionRef(request.executionId(), handle, null, request.files());
    }

    static String newExecutionId() {
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
