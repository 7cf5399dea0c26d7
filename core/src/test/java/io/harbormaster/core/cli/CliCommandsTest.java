package io.harbormaster.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.api.ApiJson;
import io.harbormaster.core.api.ApiServer;
import io.harbormaster.core.api.FakeNodeService;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CliCommandsTest {

    @TempDir
    Path tmp;

    private FakeNodeService node;
    private ApiServer server;
    private String dataDir;
    private Path jobFile;
    private final ObjectMapper json = ApiJson.jsonMapper();

    @BeforeEach
    void startNode() throws IOException {
        node = new FakeNodeService(tmp.resolve("out"));
        DataDirectory dir = new DataDirectory(tmp.resolve("data"));
        server = ApiServer.start(node, dir);
        dataDir = dir.root().toString();
        jobFile = Files.writeString(tmp.resolve("hello.yaml"), "Name: hello\nType: batch\n");
    }

    @AfterEach
    void stopNode() {
        server.close();
    }

    private CliRun run(String... args) {
        String[] withDataDir = new String[args.length + 2];
        System.arraycopy(args, 0, withDataDir, 0, args.length);
        withDataDir[args.length] = "--data-dir";
        withDataDir[args.length + 1] = dataDir;
        return CliRun.of(withDataDir);
    }

    @Test
    void submitPrintsTheExecutionIdAndSendsTheFileAsItIs() {
        CliRun run = run("submit", jobFile.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("e-1\n");
        assertThat(run.err()).contains("Warning: Constraints are ignored");
        assertThat(node.submittedTexts()).containsExactly("Name: hello\nType: batch\n");
    }

    @Test
    void submitWaitExitsZeroWhenTheExecutionCompletes() {
        node.runSubmittedJobsTo(ExecutionState.COMPLETED, 0);

        CliRun run = run("submit", "--wait", jobFile.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("e-1 COMPLETED (exit code 0)");
    }

    @Test
    void submitWaitExitsOneWhenTheExecutionFails() {
        node.runSubmittedJobsTo(ExecutionState.FAILED, 2);

        CliRun run = run("submit", "--wait", jobFile.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.EXECUTION_FAILED);
        assertThat(run.err()).contains("FAILED (exit code 2)");
    }

    @Test
    void submitWaitExitsOneWhenTheExecutionIsCancelled() {
        node.runSubmittedJobsTo(ExecutionState.CANCELLED, null);

        assertThat(run("submit", "--wait", jobFile.toString()).exitCode()).isEqualTo(ExitCode.EXECUTION_FAILED);
    }

    @Test
    void invalidSpecExitsTwoWithOneProblemPerLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "Name: INVALID\n");

        CliRun run = run("submit", bad.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("Invalid job spec:\n  line 7: Tasks[0].Engine.Params.Image: is required\n");
    }

    @Test
    void unreadableFileIsAUsageError() {
        CliRun run = run("submit", tmp.resolve("missing.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Cannot read");
    }

    @Test
    void unknownIdExitsTwo() {
        for (String command : new String[] {"describe", "cancel", "logs"}) {
            CliRun run = run(command, "e-404");

            assertThat(run.exitCode()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(command).contains("No execution with id e-404").doesNotContain("\tat ");
        }
    }

    @Test
    void listAsJsonIsParseable() throws IOException {
        run("submit", jobFile.toString());
        run("submit", jobFile.toString());

        CliRun run = run("list", "--output", "json");

        assertThat(run.exitCode()).isZero();
        JsonNode items = json.readTree(run.out()).get("Items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asText()).isEqualTo("e-2");
        assertThat(items.get(0).get("state").asText()).isEqualTo("PENDING");
    }

    @Test
    void listAsTableHasTheColumnsAndFiltersByState() {
        run("submit", jobFile.toString());
        String running = run("submit", jobFile.toString()).out().strip();
        node.advance(running, ExecutionState.STARTING, null);
        node.advance(running, ExecutionState.RUNNING, null);

        CliRun run = run("list", "--state", "running");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).contains("ID", "JOB", "TYPE", "ENGINE", "STATE", "CREATED", "DURATION", "EXIT", "ATTEMPTS",
                running, "hello", "batch", "docker", "RUNNING");
    }

    @Test
    void describeShowsSpecStateAttemptsAndHistory() {
        String id = run("submit", jobFile.toString()).out().strip();
        node.advance(id, ExecutionState.STARTING, null);
        node.advance(id, ExecutionState.RUNNING, null);
        node.advance(id, ExecutionState.FAILED, 4);

        CliRun run = run("describe", id);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ID:         " + id, "State:      FAILED", "Exit code:  4", "Attempts:   1",
                "Spec:", "image: alpine:3", "History:")
                .containsPattern("RUNNING +FAILED +1 +moved to FAILED");
    }

    @Test
    void describeAsYamlHasTheExecutionAndItsHistory() throws IOException {
        String id = run("submit", jobFile.toString()).out().strip();

        CliRun run = run("describe", id, "-o", "yaml");

        JsonNode details = ApiJson.yamlMapper().readTree(run.out());
        assertThat(details.get("Execution").get("id").asText()).isEqualTo(id);
        assertThat(details.get("History")).hasSize(1);
    }

    @Test
    void logsPrintTheExecutionsOutput() {
        String id = run("submit", jobFile.toString()).out().strip();
        node.appendOutput(id, false, "hello from the job\n");

        CliRun run = run("logs", id);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("hello from the job\n");
    }

    @Test
    void logsFollowReturnsOnceTheExecutionEnds() {
        node.runSubmittedJobsTo(ExecutionState.COMPLETED, 0);
        String id = run("submit", jobFile.toString()).out().strip();

        CliRun run = run("logs", "--follow", id);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("working\n");
        assertThat(node.get(id).orElseThrow().state()).isEqualTo(ExecutionState.COMPLETED);
    }

    @Test
    void cancelReportsTheCancelledExecution() {
        String id = run("submit", jobFile.toString()).out().strip();

        CliRun run = run("cancel", id);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(id + " CANCELLED\n");
    }

    @Test
    void shutdownAsksTheNodeToStopItsExecutions() throws InterruptedException {
        CliRun run = run("shutdown", "--stop-executions");

        assertThat(run.exitCode()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (node.shutdowns().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(node.shutdowns()).containsExactly(true);
    }
}
