package io.harbormaster.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeInfo;
import io.harbormaster.core.spec.SpecInvalidException;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ApiClientTest {

    static final String YAML_JOB = "Name: hello\nType: batch\nTasks:\n  - Name: main\n";

    @TempDir
    Path tmp;

    private FakeNodeService node;
    private DataDirectory dataDir;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void startServer() {
        node = new FakeNodeService(tmp.resolve("out"));
        dataDir = new DataDirectory(tmp.resolve("data"));
        server = ApiServer.start(node, dataDir);
        client = ApiClient.connect(dataDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void submitPassesTheUsersYamlUnchangedAndReturnsIdsAndWarnings() {
        SubmitResult result = client.submit(YAML_JOB, SpecFormat.YAML);

        assertThat(result.executionId()).isEqualTo("e-1");
        assertThat(result.jobId()).isEqualTo("j-1");
        assertThat(result.warnings()).containsExactly("Constraints are ignored on this node");
        assertThat(node.submittedTexts()).containsExactly(YAML_JOB);
    }

    @Test
    void submitAcceptsBacalhauWrappedJson() {
        SubmitResult result = client.submit("{\"Job\": {\"Name\": \"wrapped\", \"Type\": \"batch\"}}", SpecFormat.JSON);

        assertThat(client.describe(result.executionId()).execution().spec().name()).isEqualTo("wrapped");
    }

    @Test
    void invalidSpecComesBackAsSpecInvalidExceptionWithItsProblems() {
        assertThatThrownBy(() -> client.submit("Name: INVALID\n", SpecFormat.YAML))
                .isInstanceOfSatisfying(SpecInvalidException.class,
                        e -> assertThat(e.problems()).containsExactly(FakeNodeService.INVALID_PROBLEM));
    }

    @Test
    void specOverTheDefaultLimitIsRefusedWith413() {
        String huge = YAML_JOB + "#".repeat((int) ApiServerConfig.DEFAULT_MAX_BODY_BYTES + 10);

        assertThatThrownBy(() -> client.submit(huge, SpecFormat.YAML))
                .isInstanceOfSatisfying(ApiRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(node.submittedTexts()).isEmpty();
    }

    @Test
    void listFiltersByStateAndLimitsNewestFirst() {
        String first = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        String second = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        String third = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        node.advance(second, ExecutionState.STARTING, null);
        node.advance(second, ExecutionState.RUNNING, null);

        assertThat(client.list(Set.of(), 100)).extracting(Execution::id).containsExactly(third, second, first);
        assertThat(client.list(Set.of(ExecutionState.RUNNING), 100)).extracting(Execution::id).containsExactly(second);
        assertThat(client.list(Set.of(ExecutionState.PENDING, ExecutionState.RUNNING), 2)).hasSize(2);
    }

    @Test
    void describeReturnsTheExecutionAsStoredAndItsHistory() {
        String id = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        node.advance(id, ExecutionState.STARTING, null);
        node.advance(id, ExecutionState.RUNNING, null);
        Execution stored = node.advance(id, ExecutionState.FAILED, 3);

        ExecutionDetails details = client.describe(id);

        assertThat(details.execution()).isEqualTo(stored);
        assertThat(details.history()).extracting(h -> h.to())
                .containsExactly(ExecutionState.PENDING, ExecutionState.STARTING, ExecutionState.RUNNING, ExecutionState.FAILED);
    }

    @Test
    void unknownExecutionIdComesBackAsUnknownExecutionException() {
        assertThatThrownBy(() -> client.describe("e-404")).isInstanceOf(UnknownExecutionException.class).hasMessageContaining("e-404");
        assertThatThrownBy(() -> client.cancel("e-404")).isInstanceOf(UnknownExecutionException.class);
        assertThatThrownBy(() -> client.logs("e-404", false, LogStream.BOTH)).isInstanceOf(UnknownExecutionException.class);
    }

    @Test
    void cancelRecordsTheExecutionCancelled() {
        String id = client.submit(YAML_JOB, SpecFormat.YAML).executionId();

        assertThat(client.cancel(id).state()).isEqualTo(ExecutionState.CANCELLED);
        assertThat(node.get(id)).get().extracting(Execution::state).isEqualTo(ExecutionState.CANCELLED);
    }

    @Test
    void nodeInfoRoundTrips() {
        assertThat(client.node()).isEqualTo(node.info());
    }

    @Test
    void shutdownAnswersThenStopsTheNode() throws InterruptedException {
        client.shutdown(true);

        awaitUntil(() -> !node.shutdowns().isEmpty());
        assertThat(node.shutdowns()).containsExactly(true);
    }

    @Test
    void logsWithoutFollowReturnTheOutputWrittenSoFar() throws IOException {
        String id = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        node.appendOutput(id, false, "out line\n");
        node.appendOutput(id, true, "err line\n");

        assertThat(readAll(client.logs(id, false, LogStream.STDOUT))).isEqualTo("out line\n");
        assertThat(readAll(client.logs(id, false, LogStream.STDERR))).isEqualTo("err line\n");
        assertThat(readAll(client.logs(id, false, LogStream.BOTH))).isEqualTo("out line\nerr line\n");
    }

    @Test
    void followedLogsEndOnceTheExecutionIsTerminalAndDrained() throws IOException {
        String id = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
        node.advance(id, ExecutionState.STARTING, null);
        node.advance(id, ExecutionState.RUNNING, null);
        node.appendOutput(id, false, "first\n");

        try (InputStream logs = client.logs(id, true, LogStream.STDOUT)) {
            byte[] first = logs.readNBytes("first\n".length());
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first\n");
            node.appendOutput(id, false, "last\n");
            node.advance(id, ExecutionState.COMPLETED, 0);

            assertThat(readAll(logs)).isEqualTo("last\n");
        }
    }

    @Test
    void eventsArriveInTheOrderTheNodeEmittedThem() throws IOException {
        try (EventStream events = client.events()) {
            String id = client.submit(YAML_JOB, SpecFormat.YAML).executionId();
            node.advance(id, ExecutionState.STARTING, null);
            node.advance(id, ExecutionState.RUNNING, null);

            List<ExecutionState> states = List.of(events.next().orElseThrow().state(),
                    events.next().orElseThrow().state(), events.next().orElseThrow().state());

            assertThat(states).containsExactly(ExecutionState.PENDING, ExecutionState.STARTING, ExecutionState.RUNNING);
        }
    }

    @Test
    void eventSubscriptionEndsWhenTheClientGoesAway() throws IOException, InterruptedException {
        server.close();
        server = ApiServer.start(node, dataDir, ApiServerConfig.defaults().withHeartbeat(java.time.Duration.ofMillis(50)));
        ApiClient fresh = ApiClient.connect(dataDir);

        EventStream events = fresh.events();
        awaitUntil(() -> node.subscriberCount() == 1);
        events.close();

        awaitUntil(() -> node.subscriberCount() == 0);
    }

    @Test
    void eventStreamEndsWhenTheServerCloses() throws IOException {
        try (EventStream events = client.events()) {
            server.close();

            assertThat(events.next()).isEmpty();
        } catch (IOException e) {
            // a reset connection is as good an end as a clean one
        }
        assertThat(node.subscriberCount()).isZero();
    }

    @Test
    void connectWithoutARunningNodeSaysHowToStartOne() {
        DataDirectory empty = new DataDirectory(tmp.resolve("empty"));

        assertThatThrownBy(() -> ApiClient.connect(empty))
                .isInstanceOf(NodeUnreachableException.class)
                .hasMessageContaining("No node is running on " + empty.root())
                .hasMessageContaining("harbormaster node --data-dir");
    }

    @Test
    void staleEndpointFileLeadsToNodeUnreachableException() throws IOException {
        DataDirectory stale = new DataDirectory(tmp.resolve("stale"));
        java.nio.file.Files.createDirectories(stale.root());
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        new ApiEndpoint(freePort, 999_999, "n-gone", Instant.now()).write(stale.apiEndpointFile());
        ApiToken.generate().writeTo(stale.apiTokenFile());

        ApiClient staleClient = ApiClient.connect(stale);

        assertThatThrownBy(staleClient::node).isInstanceOf(NodeUnreachableException.class);
    }

    @Test
    void wrongTokenComesBackAsAClear401() throws IOException {
        ApiToken.generate().writeTo(dataDir.apiTokenFile());
        ApiClient wrong = ApiClient.connect(dataDir);

        assertThatThrownBy(wrong::node)
                .isInstanceOfSatisfying(ApiRequestException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("refused this client's token");
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
