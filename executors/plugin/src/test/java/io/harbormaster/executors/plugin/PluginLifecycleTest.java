package io.harbormaster.executors.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.PluginExecutor;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginProcess;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.plugin.PluginWire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PluginLifecycleTest {

    @TempDir
    Path temp;
    private LaunchedPlugins plugins;

    @BeforeEach
    void setUp() {
        plugins = new LaunchedPlugins(temp);
    }

    @AfterEach
    void tearDown() {
        plugins.close();
    }

    @Test
    void launchedPluginRunsAnExecutionToItsExitAndOutputFile() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        StartRequest request = plugins.batch("e-hi", "echo hi; sleep 0.2");

        try (PluginExecutor executor = plugins.executor(config)) {
            ExecutorHandle handle = executor.start(request);
            ExitResult exit = executor.await(new ExecutionRef("e-hi", handle, config, request.files()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(handle.executorType()).isEqualTo("docker");
            assertThat(exit.exitCode()).isZero();
            assertThat(Files.readString(request.files().stdout(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        }
    }

    @Test
    void awaitOutlastsTheCallTimeoutWhileHeartbeatsArrive() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        StartRequest request = plugins.batch("e-slow", "sleep 8; exit 4");

        // a call timeout a loaded CI machine still meets, well under the run time the heartbeats must cover
        try (PluginExecutor executor = PluginExecutor.connect("docker", config, Duration.ofSeconds(3))) {
            ExecutorHandle handle = executor.start(request);
            ExitResult exit = executor.await(new ExecutionRef("e-slow", handle, config, request.files()))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(exit.exitCode()).isEqualTo(4);
        }
    }

    @Test
    void onePluginServesManyExecutionsAtOnce() throws Exception {
        ReattachConfig config = plugins.launch("docker");

        // every job waits for the gate, so all five are running together however slowly the machine starts them
        Path gate = temp.resolve("gate");
        try (PluginExecutor executor = plugins.executor(config)) {
            List<CompletableFuture<ExitResult>> exits = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                StartRequest request = plugins.batch("e-" + i,
                        "while [ ! -e '" + gate + "' ]; do sleep 0.1; done; exit " + i);
                ExecutorHandle handle = executor.start(request);
                exits.add(executor.await(new ExecutionRef("e-" + i, handle, config, request.files()))
                        .toCompletableFuture());
            }
            assertThat(executor.ping().executions()).isEqualTo(5);
            Files.createFile(gate);

            for (int i = 0; i < 5; i++) {
                assertThat(exits.get(i).get(30, TimeUnit.SECONDS).exitCode()).isEqualTo(i);
            }
        }
    }

    @Test
    void startIsIdempotentOnTheExecutionId() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        StartRequest request = plugins.service("e-once", "echo started >> count; sleep 30");

        try (PluginExecutor executor = plugins.executor(config)) {
            executor.start(request);
            executor.start(request);
            Thread.sleep(300);

            assertThat(Files.readAllLines(request.files().dir().resolve("count"))).containsExactly("started");
            assertThat(executor.ping().executions()).isEqualTo(1);
        }
    }

    @Test
    void reattachConfigDescribesTheProcessThatServes() {
        ReattachConfig config = plugins.launch("docker");

        PluginReattach found = PluginProcess.reattach(config, LaunchedPlugins.TIMEOUT);

        assertThat(config.protocol()).isEqualTo(PluginLauncher.PROTOCOL);
        assertThat(config.processStart()).isEqualTo(ProcessHandle.of(config.pid()).orElseThrow().info()
                .startInstant().orElseThrow());
        assertThat(found.status()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(found.evidence()).matches("pid " + config.pid() + " alive, start time matches, ping \\d+ ms");
        PluginWire.Info info = found.info().orElseThrow();
        assertThat(info.pid()).isEqualTo(config.pid());
        assertThat(info.executorType()).isEqualTo("docker");
        assertThat(info.startedAt()).isEqualTo(config.processStart());
    }

    @Test
    void reattachSaysWhatThePluginStillHasOnTheConnectionOfItsHello() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        StartRequest batch = plugins.batch("e-done", "exit 3");
        StartRequest service = plugins.service("e-live", "sleep 30");
        List<ExecutionRef> refs;
        try (PluginExecutor executor = plugins.executor(config)) {
            ExecutionRef done = new ExecutionRef("e-done", executor.start(batch), config, batch.files());
            executor.await(done).toCompletableFuture().get(30, TimeUnit.SECONDS);
            ExecutionRef live = new ExecutionRef("e-live", executor.start(service), config, service.files());
            refs = List.of(done, live, new ExecutionRef("e-never", null, config, plugins.files("e-never")));
        }

        PluginReattach found = PluginProcess.reattach(config, LaunchedPlugins.TIMEOUT, refs);

        assertThat(found.status()).isEqualTo(PluginReattach.Status.RESPONDING);
        assertThat(found.info().orElseThrow().pid()).isEqualTo(config.pid());
        var observations = found.observations().orElseThrow();
        assertThat(observations.get("e-done")).isInstanceOfSatisfying(Observation.Exited.class,
                exited -> assertThat(exited.exitCode()).isEqualTo(3));
        assertThat(observations.get("e-live")).isInstanceOf(Observation.Running.class);
        assertThat(observations.get("e-never")).isInstanceOf(Observation.Gone.class);
    }

    @Test
    void aNodeSpeakingToThisPluginInTheOlderProtocolStillLearnsWhatItHas() throws Exception {
        ReattachConfig launched = plugins.launch("docker");
        StartRequest service = plugins.service("e-live", "sleep 30");
        ExecutionRef live;
        try (PluginExecutor executor = plugins.executor(launched)) {
            live = new ExecutionRef("e-live", executor.start(service), launched, service.files());
        }
        // as a config persisted from a plugin of app protocol 1 would read
        ReattachConfig older = new ReattachConfig(launched.protocol(), PluginHandshake.OLDEST_APP_PROTOCOL_VERSION,
                launched.socketPath(), launched.pid(), launched.processStart(), launched.tokenRef());

        PluginReattach found = PluginProcess.reattach(older, LaunchedPlugins.TIMEOUT, List.of(live));

        assertThat(launched.protocolVersion()).isEqualTo(PluginHandshake.APP_PROTOCOL_VERSION);
        assertThat(found.responding()).as(found.evidence()).isTrue();
        assertThat(found.observations().orElseThrow().get("e-live")).isInstanceOf(Observation.Running.class);
    }

    @Test
    void aReattachWithoutExecutionsIsAPingAndAsksNothing() {
        ReattachConfig config = plugins.launch("docker");

        PluginReattach found = PluginProcess.reattach(config, LaunchedPlugins.TIMEOUT, List.of());

        assertThat(found.responding()).isTrue();
        assertThat(found.observations()).isEmpty();
    }

    @Test
    void runtimeDirIsPrivateSocketIsOwnerOnlyAndTheTokenIsNotOnTheCommandLine() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        String token = PluginFiles.readToken(config);
        ProcessHandle.Info process = ProcessHandle.of(config.pid()).orElseThrow().info();

        assertThat(Files.getPosixFilePermissions(plugins.runtimeDir())).isEqualTo(PluginFiles.OWNER_ONLY_DIR);
        assertThat(Files.getPosixFilePermissions(Path.of(config.socketPath()))).isEqualTo(PluginFiles.OWNER_ONLY_FILE);
        assertThat(Files.getPosixFilePermissions(PluginFiles.tokenFile(config))).isEqualTo(PluginFiles.OWNER_ONLY_FILE);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(config.tokenRef()).isEqualTo("docker.token");
        // /proc has the whole command line; ProcessHandle.Info drops the arguments of a very long one
        List<String> arguments = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(config.pid()),
                "cmdline")), StandardCharsets.UTF_8).split("\0"));
        assertThat(arguments).noneMatch(arg -> arg.contains(token))
                .contains("-Dharbormaster.plugin=docker", PluginLauncher.MAIN_CLASS, "--executor");
    }

    @Test
    void pluginLogsToItsFileInTheRuntimeDir() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        plugins.executor(config).ping();

        Path log = plugins.runtimeDir().resolve("docker.log");
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("serving executor docker");
    }

    @Test
    void recoverStopAndOwnedReachTheHostedExecutor() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        StartRequest request = plugins.service("e-svc", "sleep 30");

        try (PluginExecutor executor = plugins.executor(config)) {
            ExecutorHandle handle = executor.start(request);
            ExecutionRef ref = new ExecutionRef("e-svc", handle, config, request.files());
            ExecutionRef never = new ExecutionRef("e-never", null, config, plugins.files("e-never"));

            assertThat(executor.recover(List.of(ref, never)))
                    .hasEntrySatisfying("e-svc", o -> assertThat(o).isInstanceOf(Observation.Running.class))
                    .hasEntrySatisfying("e-never", o -> assertThat(o).isInstanceOf(Observation.Gone.class));
            assertThat(executor.owned()).anySatisfy(r -> assertThat(r.executionId()).isEqualTo("e-svc"));

            executor.stop(ref, Duration.ofMillis(500));

            ExitResult exit = executor.await(ref).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(exit.succeeded()).isFalse();
        }
    }

    @Test
    void withIdleExitAPluginWithNothingToDoEndsByItself() throws Exception {
        ReattachConfig config = plugins.adopt(new PluginLauncher(plugins.spec("idle")
                .idleExit(Duration.ofSeconds(1)).build()).launch());

        ProcessHandle process = ProcessHandle.of(config.pid()).orElseThrow();

        assertThat(process.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Path.of(config.socketPath())).doesNotExist();
    }

    @Test
    void shutdownEndsThePluginAndRemovesItsSocket() throws Exception {
        ReattachConfig config = plugins.launch("docker");
        ProcessHandle process = ProcessHandle.of(config.pid()).orElseThrow();

        plugins.executor(config).shutdown(false, Duration.ofSeconds(1));

        assertThat(process.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Path.of(config.socketPath())).doesNotExist();
        assertThat(PluginProcess.reattach(config, LaunchedPlugins.TIMEOUT).status())
                .isEqualTo(PluginReattach.Status.DEAD);
    }
}
