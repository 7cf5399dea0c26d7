package io.harbormaster.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbormaster.core.api.ApiJson;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeEvent;
import io.harbormaster.core.node.NodeOptions;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side of recovery end to end: a real node whose batch and service were lost while it was down,
 * the plan read, overridden, approved and applied from the CLI through the loopback API.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecoveryCommandTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    @Test
    void theOperatorReadsThePlanOverridesApprovesAndApplies() throws IOException {
        node = ComputeNode.start(NodeOptions.builder(dataDir).build());
        String batch = node.submit(TestJobs.batch("sleep 300")).execution().id();
        String service = node.submit(TestJobs.service("sleep 300")).execution().id();
        await(() -> running(batch) && running(service));
        node.shutdown(false);
        node = null;
        killWithoutExitRecord(batch);
        killWithoutExitRecord(service);

        node = ComputeNode.start(NodeOptions.builder(dataDir).approval("safe").build());
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        node.subscribe(events::add);
        assertThat(node.get(batch).orElseThrow().state()).as("proposals wait").isEqualTo(ExecutionState.RUNNING);
        String newWork = node.submit(TestJobs.batch("echo accepted while decisions wait")).execution().id();
        await(() -> node.get(newWork).map(e -> e.state() == ExecutionState.COMPLETED).orElse(false));
        assertThat(node.get(batch).orElseThrow().state()).as("under decision: untouched").isEqualTo(ExecutionState.RUNNING);

        CliRun text = run("recovery", "plan", "--output", "text");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Have reattach details?", "--no--> New plugin", "[extension]",
                "What does the executor still have?", "--gone--> Long running?", batch, service);
        assertThat(text.out()).containsPattern("--no--> FAIL +" + batch);
        assertThat(text.out()).containsPattern("--yes--> RERUN +" + service);

        assertThat(text.out()).as("the node detached: a clean restart").startsWith("This start: clean restart");
        JsonNode json = ApiJson.jsonMapper().readTree(run("recovery", "plan", "--output", "json").out());
        assertThat(json.path("plan").path("items")).hasSize(2);
        assertThat(json.path("previousRun").path("ending").asText()).isEqualTo("CLEAN");
        assertThat(json.path("plan").path("previousRun").path("ending").asText()).isEqualTo("CLEAN");
        assertThat(json.path("graph").path("nodes").toString()).contains("For each live execution");

        CliRun refused = run("recovery", "override", batch, "REATTACH");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("not allowed");
        assertThat(run("recovery", "override", batch, "cancel").exitCode()).isZero();
        assertThat(run("recovery", "approve", service).exitCode()).isZero();
        assertThat(node.get(service).orElseThrow().attempts()).as("approving is not applying").isEqualTo(1);

        CliRun applied = run("recovery", "apply");

        assertThat(applied.exitCode()).isZero();
        assertThat(applied.out()).contains("APPLIED", "recorded CANCELLED", "re-run as attempt 2");
        assertThat(node.get(batch).orElseThrow().state()).isEqualTo(ExecutionState.CANCELLED);
        await(() -> node.get(service).map(e -> e.attempts() == 2 && e.state() == ExecutionState.RUNNING).orElse(false));
        String me = "user:" + System.getProperty("user.name");
        List<DecisionRecord> log = node.store().decisions().read(0, 1000);
        assertThat(log).anyMatch(d -> batch.equals(d.executionId()) && d.kind().equals("APPLIED")
                && d.actor().equals(me) && d.detail().startsWith("CANCEL - proposed FAIL, chosen CANCEL by " + me));
        assertThat(log).anyMatch(d -> service.equals(d.executionId()) && d.kind().equals("APPLIED")
                && d.detail().contains("outcome: re-run as attempt 2"));
        await(() -> events.stream().anyMatch(e -> e.type() == NodeEvent.Type.RECOVERY_DECISION
                && batch.equals(e.executionId())) && events.stream().anyMatch(e -> e.type() == NodeEvent.Type.RECOVERY_PLAN));
        assertThat(run("recovery", "apply").out()).as("applying again does nothing").doesNotContain("attempt 3");
    }

    private boolean running(String id) {
        return node.get(id).map(e -> e.state() == ExecutionState.RUNNING).orElse(false);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        return CliRun.of(all);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }

    /** SIGKILL to the wrapper and its command: no exit record is written, as when a machine reboots. */
    private void killWithoutExitRecord(String id) throws IOException {
        Path dir = dataDir.resolve("executions").resolve(id);
        String[] saved = Files.readString(dir.resolve("pid")).trim().split(" ");
        Instant start = Instant.parse(saved[1]);
        ProcessHandle process = ProcessHandle.of(Long.parseLong(saved[0]))
                .filter(p -> p.info().startInstant().map(start::equals).orElse(false))
                .orElseThrow();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        process.onExit().join();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(dir.resolve("exit.json")).doesNotExist();
    }
}
