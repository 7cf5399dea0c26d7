package io.harbormaster.core.node;

import static io.harbormaster.core.node.ComputeNodeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.store.DecisionRecord;
import io.harbormaster.core.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node restarted after a detach finds its executions again, with real local processes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveExecutionRecoveryTest {

    @TempDir
    Path dataDir;

    private ComputeNode node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.shutdown(true);
        }
    }

    private ComputeNode startNode(String approval) {
        node = ComputeNode.start(NodeOptions.builder(dataDir).apiEnabled(false).approval(approval).build());
        return node;
    }

    private String startThenDetach(String spec) {
        startNode("safe");
        String id = node.submit(spec).execution().id();
        await(() -> node.get(id).map(e -> e.state() == ExecutionState.RUNNING).orElse(false));
        node.shutdown(false);
        node = null;
        return id;
    }

    @Test
    void batchThatExitedWhileTheNodeWasDownIsAdoptedWithItsRealCodeAndNotRunAgain() throws IOException {
        String id = startThenDetach(TestJobs.batch("sleep 0.5; echo ran-once; exit 5"));
        Path exitRecord = dataDir.resolve("executions").resolve(id).resolve("exit.json");
        await(() -> Files.exists(exitRecord));

        startNode("safe");

        Execution adopted = node.get(id).orElseThrow();
        assertThat(adopted.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(adopted.exitCode()).isEqualTo(5);
        assertThat(adopted.reason()).contains("finished while the node was down");
        assertThat(adopted.attempts()).isEqualTo(1);
        String output = Files.readString(node.logs(id).stdout());
        assertThat(output.split("ran-once", -1)).as("ran exactly once").hasSize(2);
        assertThat(decisions()).anyMatch(d -> id.equals(d.executionId()) && d.kind().equals("APPLIED")
                && d.detail().startsWith("ADOPT_RESULT"));
    }

    @Test
    void runningServiceIsReattachedAndFollowedToItsEnd() {
        String id = startThenDetach(TestJobs.service("sleep 1.5; echo done"));

        startNode("safe");

        assertThat(node.get(id).orElseThrow().state()).isEqualTo(ExecutionState.RUNNING);
        await(() -> node.get(id).map(e -> e.state() == ExecutionState.COMPLETED).orElse(false));
        assertThat(node.get(id).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void lostBatchIsOnlyProposedForFailureUnderSafeApproval() throws IOException {
        String id = startThenDetach(TestJobs.batch("sleep 300"));
        killWithoutExitRecord(id);

        startNode("safe");

        assertThat(node.get(id).orElseThrow().state()).as("nothing done on a proposal").isEqualTo(ExecutionState.RUNNING);
        assertThat(decisions()).anyMatch(d -> id.equals(d.executionId()) && d.kind().equals("PROPOSED")
                && d.detail().startsWith("FAIL"));
    }

    @Test
    void lostBatchFailsAndLostServiceIsRerunUnderAutoApproval() throws IOException {
        String batch = startThenDetach(TestJobs.batch("sleep 300"));
        killWithoutExitRecord(batch);
        String service = startThenDetach(TestJobs.service("sleep 300"));
        killWithoutExitRecord(service);

        startNode("auto");

        Execution failed = node.get(batch).orElseThrow();
        assertThat(failed.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(failed.reason()).contains("lost during node restart");
        await(() -> node.get(service).map(e -> e.attempts() == 2 && e.state() == ExecutionState.RUNNING).orElse(false));
        assertThat(node.history(service)).extracting(h -> h.to())
                .containsSubsequence(ExecutionState.RUNNING, ExecutionState.STARTING, ExecutionState.RUNNING);
    }

    private List<DecisionRecord> decisions() {
        return node.store().decisions().read(0, 1000);
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
        process.destroyForcibly(); // the wrapper first, so it cannot write the exit record
        process.onExit().join();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(dir.resolve("exit.json")).doesNotExist();
    }
}
