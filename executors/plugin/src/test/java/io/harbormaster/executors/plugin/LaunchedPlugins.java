package io.harbormaster.executors.plugin;

import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginLaunchSpec;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Plugins a test launched, in one temp dir; {@link #close()} stops each one (and its executions) that
 * pid and start time still prove ours, so a failing test leaves no process behind.
 */
final class LaunchedPlugins implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path root;
    private final List<ReattachConfig> launched = new ArrayList<>();

    LaunchedPlugins(Path root) {
        this.root = root;
    }

    Path runtimeDir() {
        return root.resolve("run");
    }

    Path dataDir() {
        return root.resolve("data");
    }

    PluginLaunchSpec.Builder spec(String name) {
        return PluginLaunchSpec.builder("docker", runtimeDir(), "node-1", dataDir()).name(name)
                .jvmOption("-Xmx128m").jvmOption("-XX:TieredStopAtLevel=1");
    }

    ReattachConfig launch(String name) {
        return adopt(new PluginLauncher(spec(name).build()).launch());
    }

    /** Takes over cleaning up a plugin someone else launched (a child JVM that was then killed). */
    ReattachConfig adopt(ReattachConfig config) {
        launched.add(config);
        return config;
    }

    PluginExecutor executor(ReattachConfig config) {
        return PluginExecutor.connect("docker", config, TIMEOUT);
    }

    StartRequest batch(String executionId, String script) throws IOException {
        return request(executionId, TestJobs.batch(script));
    }

    StartRequest service(String executionId, String script) throws IOException {
        return request(executionId, TestJobs.service(script));
    }

    ExecutionFiles files(String executionId) {
        return ExecutionFiles.under(dataDir().resolve("executions"), executionId);
    }

    private StartRequest request(String executionId, String yaml) throws IOException {
        Files.createDirectories(dataDir());
        var spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker")).parse(yaml).spec();
        return new StartRequest(executionId, "job-" + executionId, 1, spec, files(executionId));
    }

    @Override
    public void close() {
        for (ReattachConfig config : launched) {
            if (PluginProcess.reattach(config, Duration.ofSeconds(2)).responding()) {
                try (PluginExecutor executor = executor(config)) {
                    executor.shutdown(true, Duration.ofMillis(200));
                    ProcessHandle.of(config.pid()).ifPresent(p -> p.onExit().completeOnTimeout(p, 5,
                            TimeUnit.SECONDS).join());
                } catch (PluginException e) {
                    // it stopped answering: the signal below still ends it
                }
            }
            PluginProcess.stopIfOurs(config, Duration.ofSeconds(2));
        }
    }
}
