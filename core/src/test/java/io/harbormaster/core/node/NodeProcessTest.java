package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.cli.Main;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.store.ExecutionStore;
import io.harbormaster.core.store.MapDbExecutionStore;
import io.harbormaster.core.testing.ChildJvm;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless node as a real process: started with {@code harbormaster node}, driven through the CLI,
 * killed with SIGKILL mid-work and started again.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NodeProcessTest {

    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);
    private static final String MAIN = Main.class.getName();

    @TempDir
    Path work;

    private final List<ChildJvm> nodes = new ArrayList<>();

    @AfterEach
    void stopEverythingWeStarted() throws IOException {
        nodes.forEach(ChildJvm::close);
        killJobProcessesWeStarted(work.resolve("data"));
    }

    @Test
    void everyAcceptedExecutionSurvivesAKill9InExactlyOneState() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm node = startNode(dataDir, "node-1");

        List<String> accepted = new ArrayList<>();
        accepted.add(submit(dataDir, TestJobs.batch("echo quick"), "quick"));
        accepted.add(submit(dataDir, TestJobs.batch("echo failing >&2; exit 4"), "failing"));
        accepted.add(submit(dataDir, TestJobs.service("while true; do echo tick; sleep 0.2; done"), "service"));
        accepted.add(submit(dataDir, TestJobs.batch("sleep 2; echo slow done"), "slow"));
        for (int i = 0; i < 6; i++) {
            accepted.add(submit(dataDir, TestJobs.batch("sleep 0.$((RANDOM % 9)); echo burst " + i), "burst-" + i));
        }

        node.kill9();
        assertThat(Files.exists(dataDir.resolve("api.json"))).as("a killed node leaves its endpoint file").isTrue();

        ChildJvm restarted = startNode(dataDir, "node-2");
        Map<String, ExecutionState> listed = listStates(dataDir);
        assertThat(listed.keySet()).containsAll(accepted);
        assertThat(listed).hasSize(accepted.size());

        // batches that ran on, or ended, while the node was dead keep their real results
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (listStates(dataDir).entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(accepted.get(2)) && !e.getValue().isTerminal())) {
            assertThat(System.nanoTime()).as("batches end after the restart").isLessThan(deadline);
            Thread.sleep(200);
        }
        Map<String, ExecutionState> after = listStates(dataDir);
        assertThat(after.get(accepted.get(0))).isEqualTo(ExecutionState.COMPLETED);
        assertThat(after.get(accepted.get(1))).isEqualTo(ExecutionState.FAILED);
        assertThat(after.get(accepted.get(2))).as("the service was reattached").isEqualTo(ExecutionState.RUNNING);
        accepted.subList(3, accepted.size()).forEach(id -> assertThat(after.get(id)).as(id).isEqualTo(ExecutionState.COMPLETED));
        String slowOutput = Files.readString(dataDir.resolve("executions").resolve(accepted.get(3)).resolve("stdout.log"));
        assertThat(slowOutput.split("slow done", -1)).as("the slow batch ran once").hasSize(2);

        ChildJvm.Result stop = cli(dataDir, "shutdown", "shutdown", "--stop-executions");
        assertThat(stop.exitCode()).as(stop.stderr()).isZero();
        assertThat(restarted.waitFor(Duration.ofSeconds(60))).isZero();

        try (ExecutionStore store = MapDbExecutionStore.open(new DataDirectory(dataDir).storeDir())) {
            for (String id : accepted) {
                Execution execution = store.get(id).orElseThrow();
                assertThat(execution.state()).as(id).isNotNull();
                assertThat(store.history(id)).as("history of " + id).isNotEmpty();
            }
            assertThat(store.inStates(Set.of(ExecutionState.STARTING, ExecutionState.RUNNING)))
                    .as("--stop-executions leaves nothing live").isEmpty();
            int stored = store.countByState().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(stored).as("each execution counted in exactly one state").isEqualTo(accepted.size());
        }
    }

    @Test
    void submitWaitExitsZeroForCompletedAndOneForFailed() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm node = startNode(dataDir, "node");
        Path ok = writeJob("ok.yaml", TestJobs.batch("echo fine"));
        Path bad = writeJob("bad.yaml", TestJobs.batch("exit 7"));

        assertThat(cli(dataDir, "wait-ok", "submit", ok.toString(), "--wait").exitCode()).isZero();
        assertThat(cli(dataDir, "wait-bad", "submit", bad.toString(), "--wait").exitCode()).isEqualTo(1);

        assertThat(cli(dataDir, "shutdown", "shutdown").exitCode()).isZero();
        assertThat(node.waitFor(Duration.ofSeconds(60))).isZero();
        assertThat(cli(dataDir, "after-shutdown", "list").exitCode()).as("no node answers any more").isEqualTo(3);
    }

    @Test
    void secondNodeOnTheSameDataDirSaysWhichPidHoldsIt() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm first = startNode(dataDir, "first");

        ChildJvm.Result second = ChildJvm.run(work, "second", CLI_TIMEOUT, MAIN, "node", "--data-dir", dataDir.toString());

        assertThat(second.exitCode()).isNotZero();
        assertThat(second.stderr()).contains("in use by pid " + first.pid());
    }

    @Test
    void truncatedStoreIsMovedAsideAndRebuiltSoTheNodeStartsWithEveryExecution() throws Exception {
        Path dataDir = work.resolve("data");
        ChildJvm node = startNode(dataDir, "node");
        String one = submit(dataDir, TestJobs.batch("echo one"), "one");
        assertThat(cli(dataDir, "shutdown", "shutdown").exitCode()).isZero();
        node.waitFor(Duration.ofSeconds(60));
        Path storeFile = storeFile(dataDir);
        try (var channel = java.nio.channels.FileChannel.open(storeFile, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }

        ChildJvm repaired = startNode(dataDir, "repaired");

        assertThat(listStates(dataDir)).containsKey(one);
        try (Stream<Path> files = Files.list(storeFile.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.contains(".corrupt-"));
        }
        assertThat(repaired.stdout() + repaired.stderr()).contains("moved, not deleted").contains(".corrupt-");

        assertThat(cli(dataDir, "shutdown-repaired", "shutdown").exitCode()).isZero();
        repaired.waitFor(Duration.ofSeconds(60));
        startNode(dataDir, "restored", "--restore-checkpoint");

        assertThat(listStates(dataDir)).containsKey(one);
    }

    private ChildJvm startNode(Path dataDir, String name, String... extraArgs) throws IOException, InterruptedException {
        Files.deleteIfExists(dataDir.resolve("api.json"));
        List<String> args = new ArrayList<>(List.of("node", "--data-dir", dataDir.toString()));
        args.addAll(List.of(extraArgs));
        ChildJvm node = ChildJvm.start(work, name, MAIN, args.toArray(String[]::new));
        nodes.add(node);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dataDir.resolve("api.json"))) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("node did not come up; stderr:\n" + node.stderr());
            }
            Thread.sleep(50);
        }
        return node;
    }

    private String submit(Path dataDir, String spec, String name) throws IOException, InterruptedException {
        ChildJvm.Result result = cli(dataDir, "submit-" + name, "submit", writeJob(name + ".yaml", spec).toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String id = result.stdout().trim();
        assertThat(id).startsWith("e-");
        return id;
    }

    private Map<String, ExecutionState> listStates(Path dataDir) throws IOException, InterruptedException {
        ChildJvm.Result result = cli(dataDir, "list", "list", "--output", "json", "--limit", "1000");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, ExecutionState> states = new HashMap<>();
        for (JsonNode item : new ObjectMapper().readTree(result.stdout()).get("Items")) {
            String id = item.get("id").asText();
            assertThat(states.put(id, ExecutionState.valueOf(item.get("state").asText())))
                    .as("listed once: " + id).isNull();
        }
        return states;
    }

    private ChildJvm.Result cli(Path dataDir, String name, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return ChildJvm.run(work, name, CLI_TIMEOUT, MAIN, all.toArray(String[]::new));
    }

    private Path writeJob(String name, String spec) throws IOException {
        return Files.writeString(work.resolve(name), spec, StandardCharsets.UTF_8);
    }

    private static Path storeFile(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(new DataDirectory(dataDir).storeDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    /** Only processes whose pid file and start time prove they are the ones our executor started. */
    private static void killJobProcessesWeStarted(Path dataDir) throws IOException {
        Path executions = dataDir.resolve("executions");
        if (!Files.isDirectory(executions)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(executions)) {
            for (Path pidFile : dirs.map(d -> d.resolve("pid")).filter(Files::exists).toList()) {
                String[] saved = Files.readString(pidFile).trim().split(" ");
                if (saved.length < 2 || !saved[1].matches("\\d{4}-.*")) {
                    continue; // the command ended before its start time was read: nothing left to stop
                }
                Instant start = Instant.parse(saved[1]);
                ProcessHandle.of(Long.parseLong(saved[0]))
                        .filter(p -> p.info().startInstant().map(start::equals).orElse(false))
                        .ifPresent(p -> {
                            p.descendants().forEach(ProcessHandle::destroyForcibly);
                            p.destroyForcibly();
                        });
            }
        }
    }
}
