package io.harbormaster.executors.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.ResourceSpec;
import io.harbormaster.core.spec.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The container a job spec asks for: every Bacalhau docker parameter mapped to the create call. */
record ContainerBlueprint(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                          String workingDir, Map<String, String> labels, long nanoCpus, long memoryBytes, List<Bind> binds) {

    static ContainerBlueprint of(String nodeId, StartRequest request) {
        TaskSpec task = request.spec().task();
        DockerEngineSpec docker = task.engine().docker();
        if (docker == null) {
            throw new IllegalArgumentException("execution " + request.executionId() + " is not a docker job");
        }
        List<String> env = new ArrayList<>();
        task.env().forEach((key, value) -> env.add(key + "=" + value));
        // the engine's own list comes last, so it wins where both name the same variable
        env.addAll(docker.environmentVariables());
        List<Bind> binds = new ArrayList<>();
        for (InputSource input : task.inputSources()) {
            if (InputSource.LOCAL_DIRECTORY.equals(input.sourceType()) && input.target() != null) {
                binds.add(new Bind(input.sourcePath(), new Volume(input.target()), input.readWrite() ? AccessMode.rw : AccessMode.ro));
            }
        }
        ResourceSpec resources = task.resources();
        return new ContainerBlueprint(DockerLabels.containerName(request.executionId()), docker.image(), docker.entrypoint(),
                docker.parameters(), env, docker.workingDirectory(),
                DockerLabels.of(nodeId, request.executionId(), request.jobId()),
                resources.cpuMillis() * 1_000_000L, resources.memoryBytes(), binds);
    }

    CreateContainerCmd toCommand(DockerClient client) {
        // init process: PID 1 forwards SIGTERM, so a stop ends the job instead of waiting for SIGKILL
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("none").withInit(true);
        if (!binds.isEmpty()) {
            host.withBinds(binds);
        }
        if (nanoCpus > 0) {
            host.withNanoCPUs(nanoCpus);
        }
        if (memoryBytes > 0) {
            host.withMemory(memoryBytes);
        }
        CreateContainerCmd command = client.createContainerCmd(image).withName(name).withLabels(labels).withEnv(env)
                .withHostConfig(host);
        if (!entrypoint.isEmpty()) {
            command.withEntrypoint(entrypoint);
        }
        if (!cmd.isEmpty()) {
            command.withCmd(cmd);
        }
        if (workingDir != null && !workingDir.isBlank()) {
            command.withWorkingDir(workingDir);
        }
        return command;
    }
}
