package io.harbormaster.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ApiServerTest {

    private static final long SMALL_LIMIT = 1024;

    @TempDir
    Path tmp;

    private DataDirectory dataDir;
    private ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = ApiJson.jsonMapper();

    @BeforeEach
    void startServer() {
        dataDir = new DataDirectory(tmp.resolve("data"));
        server = ApiServer.start(new FakeNodeService(tmp.resolve("out")), dataDir,
                ApiServerConfig.defaults().withMaxBodyBytes(SMALL_LIMIT));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void tokenFileIsReadableByItsOwnerOnly() throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDir.apiTokenFile());

        assertThat(PosixFilePermissions.toString(permissions)).isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.apiTokenFile())).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void serverListensOnLoopbackOnlyAndPublishesItsPort() throws IOException {
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();

        JsonNode endpoint = json.readTree(dataDir.apiEndpointFile().toFile());
        assertThat(endpoint.get("port").asInt()).isEqualTo(server.port());
        assertThat(endpoint.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(endpoint.get("nodeId").asText()).isEqualTo("n-fake");
        assertThat(endpoint.get("startedAt").asText()).contains("T");
    }

    @Test
    void closeRemovesEndpointAndTokenFiles() {
        server.close();

        assertThat(dataDir.apiEndpointFile()).doesNotExist();
        assertThat(dataDir.apiTokenFile()).doesNotExist();
    }

    @Test
    void requestWithoutTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/node")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("unauthorized");
    }

    @Test
    void requestWithWrongTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/node"))
                .header("Authorization", ApiToken.generate().authorizationHeader()).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void requestWithTokenIsAnswered() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/node").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("nodeId").asText()).isEqualTo("n-fake");
    }

    @Test
    void bodyOverTheDeclaredLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/orchestrator/jobs")
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("Name: x\n" + "#".repeat(4096))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(errorCode(response)).isEqualTo("body_too_large");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] body = ("Name: x\n" + "#".repeat(4096)).getBytes();
        HttpResponse<String> response = send(authorized("/api/v1/orchestrator/jobs")
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void unknownRouteIsAnswered404() throws Exception {
        assertThat(send(authorized("/api/v1/nope").GET()).statusCode()).isEqualTo(404);
        assertThat(send(authorized("/api/v1/executionsX").GET()).statusCode()).isEqualTo(404);
        assertThat(send(authorized("/api/v1/executions/e-1/nope").GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsAnswered405WithTheAllowedOne() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/node").DELETE());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(errorCode(response)).isEqualTo("method_not_allowed");
    }

    @Test
    void unsupportedContentTypeIsAnswered415() throws Exception {
        HttpResponse<String> response = send(authorized("/api/v1/orchestrator/jobs")
                .header("Content-Type", "application/xml")
                .PUT(HttpRequest.BodyPublishers.ofString("<job/>")));

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void badQueryValueIsAnswered400() throws Exception {
        assertThat(send(authorized("/api/v1/executions?limit=zero").GET()).statusCode()).isEqualTo(400);
        assertThat(send(authorized("/api/v1/executions?state=DREAMING").GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void eventsAreFramedAsServerSentEventsWithHeartbeats() throws Exception {
        server.close();
        FakeNodeService node = new FakeNodeService(tmp.resolve("out"));
        server = ApiServer.start(node, dataDir, ApiServerConfig.defaults().withHeartbeat(Duration.ofMillis(50)));

        HttpResponse<Stream<String>> response = http.send(authorized("/api/v1/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).get(InstanceOfAssertFactories.STRING)
                .startsWith("text/event-stream");
        node.emit(NodeEvent.Type.NODE_STARTED, null, null, "up");
        Iterator<String> lines = response.body().iterator();
        List<String> seen = new ArrayList<>();
        while (!seen.contains(": heartbeat") || seen.stream().noneMatch(l -> l.startsWith("data:"))) {
            seen.add(lines.next());
        }
        response.body().close();

        assertThat(seen).contains(": connected", "id: 1", "event: NODE_STARTED", ": heartbeat");
        String data = seen.stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
        assertThat(json.readTree(data).get("message").asText()).isEqualTo("up");
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWith503() throws Exception {
        server.close();
        server = ApiServer.start(new FakeNodeService(tmp.resolve("out")), dataDir,
                ApiServerConfig.defaults().withThreads(4, 1));
        ApiClient client = ApiClient.connect(dataDir);

        EventStream first = client.events();
        try {
            assertThatThrownBy(client::events).isInstanceOfSatisfying(ApiRequestException.class,
                    e -> assertThat(e.status()).isEqualTo(503));
            assertThat(client.node().nodeId()).isEqualTo("n-fake");
        } finally {
            first.close();
        }
    }

    @Test
    void serverCannotBeReachedThroughANonLoopbackAddress() throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");

        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), server.port()), 2000))
                    .isInstanceOf(IOException.class);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpRequest.Builder authorized(String path) throws IOException {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", ApiToken.read(dataDir.apiTokenFile()).authorizationHeader());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String errorCode(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body()).path("error").path("code").asText();
    }
}
