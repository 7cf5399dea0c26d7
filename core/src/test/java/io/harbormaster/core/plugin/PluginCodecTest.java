package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PluginCodecTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T10:41:07.123456789Z");
    private static final ExecutionFiles FILES = ExecutionFiles.under(Path.of("/data/executions"), "e-1");
    private static final ReattachConfig REATTACH = new ReattachConfig(PluginLauncher.PROTOCOL, 1,
            "/run/hm/docker.sock", 4242, STARTED, "docker.token");
    private static final ExecutionRef REF = new ExecutionRef("e-1",
            ExecutorHandle.of("docker", Map.of("container", "hm-e-1")), REATTACH, FILES);

    private final PluginCodec codec = new PluginCodec();

    @Test
    void requestWithHelloBodyRoundTrips() {
        PluginWire.Hello hello = new PluginWire.Hello("ab12", 1, 1);
        PluginWire.Request request = new PluginWire.Request(1, "hello", codec.tree(hello));

        String line = codec.encode(request);
        PluginWire.Request back = codec.readRequest(line);

        assertThat(line).doesNotContain("\n");
        assertThat(back).isEqualTo(request);
        assertThat(codec.body(back.body(), PluginWire.Hello.class)).isEqualTo(hello);
    }

    @Test
    void helloNeverPrintsItsToken() {
        assertThat(new PluginWire.Hello("secret-token", 1, 1).toString()).doesNotContain("secret-token");
    }

    @Test
    void resultErrorAndEventRepliesRoundTrip() {
        PluginWire.Reply result = PluginWire.Reply.result(2, codec.tree(PluginWire.Done.INSTANCE));
        PluginWire.Reply error = PluginWire.Reply.failure(3, PluginWire.UNAUTHORIZED, "wrong token");
        PluginWire.Reply event = PluginWire.Reply.event(4, PluginWire.HEARTBEAT);

        assertThat(codec.readReply(codec.encode(result))).isEqualTo(result);
        assertThat(codec.readReply(codec.encode(error))).isEqualTo(error);
        assertThat(codec.readReply(codec.encode(event))).isEqualTo(event);
        assertThat(codec.encode(event)).isEqualTo("{\"id\":4,\"type\":\"event\",\"event\":\"heartbeat\"}");
    }

    @Test
    void infoKeepsTheStartInstantToTheNanosecond() {
        PluginWire.Info info = new PluginWire.Info(4242, STARTED, "docker", "docker", 1, 1, 3);

        assertThat(roundTrip(info, PluginWire.Info.class)).isEqualTo(info);
    }

    @Test
    void startRequestWithAFullJobSpecRoundTrips() {
        var spec = new JobSpecParser(LocalPathAllowList.none(), Set.of("docker"))
                .parse(TestJobs.batch("echo \"hi\"; sleep 0.2")).spec();
        StartRequest request = new StartRequest("e-1", "j-1", 2, spec, FILES);

        assertThat(roundTrip(request, StartRequest.class)).isEqualTo(request);
    }

    @Test
    void handleAndExitResultsRoundTrip() {
        ExecutorHandle handle = ExecutorHandle.of("docker", Map.of("pidFile", "/data/e-1/pid"));
        ExitResult exited = new ExitResult(3, STARTED, "exit record");
        ExitResult unknownCode = new ExitResult(null, STARTED, null);

        assertThat(roundTrip(handle, ExecutorHandle.class)).isEqualTo(handle);
        assertThat(roundTrip(exited, ExitResult.class)).isEqualTo(exited);
        assertThat(roundTrip(unknownCode, ExitResult.class)).isEqualTo(unknownCode);
    }

    @Test
    void recoverCallKeepsRefsWithAndWithoutHandle() {
        ExecutionRef noHandle = new ExecutionRef("e-2", null, null, ExecutionFiles.under(Path.of("/d"), "e-2"));
        PluginWire.RecoverCall call = new PluginWire.RecoverCall(List.of(REF, noHandle));

        assertThat(roundTrip(call, PluginWire.RecoverCall.class)).isEqualTo(call);
    }

    @Test
    void everyObservationKindRoundTripsWithAnExplicitKind() {
        PluginWire.RecoverResult result = new PluginWire.RecoverResult(Map.of(
                "r", new Observation.Running("process alive"),
                "x", new Observation.Exited(0, STARTED, "exit record says 0"),
                "n", new Observation.Exited(null, STARTED, "engine cannot say"),
                "g", new Observation.Gone("no process and no exit record"),
                "s", new Observation.NotStarted("container hm-e-1 created but never started"),
                "u", new Observation.Unknown("plugin hung")));

        String json = codec.encode(result);

        assertThat(json).contains("\"kind\":\"running\"", "\"kind\":\"exited\"", "\"kind\":\"gone\"",
                "\"kind\":\"not-started\"", "\"kind\":\"unknown\"");
        assertThat(codec.body(codec.readReply(codec.encode(PluginWire.Reply.result(1, codec.tree(result)))).body(),
                PluginWire.RecoverResult.class)).isEqualTo(result);
    }

    @Test
    void stopOwnedAndShutdownBodiesRoundTrip() {
        PluginWire.StopCall stop = new PluginWire.StopCall(REF, Duration.ofMillis(1500));
        PluginWire.OwnedResult owned = new PluginWire.OwnedResult(List.of(
                new OwnedResource("process", "77", "e-1", "pid file with matching start time"),
                new OwnedResource("socket", "/run/hm/x.sock", null, "in the runtime dir")));
        PluginWire.ShutdownCall shutdown = new PluginWire.ShutdownCall(true, Duration.ofSeconds(5));

        assertThat(roundTrip(stop, PluginWire.StopCall.class)).isEqualTo(stop);
        assertThat(roundTrip(owned, PluginWire.OwnedResult.class)).isEqualTo(owned);
        assertThat(roundTrip(shutdown, PluginWire.ShutdownCall.class)).isEqualTo(shutdown);
        assertThat(roundTrip(PluginWire.Done.INSTANCE, PluginWire.Done.class)).isEqualTo(PluginWire.Done.INSTANCE);
    }

    @Test
    void garbageLinesAreProtocolErrors() {
        assertThatThrownBy(() -> codec.readRequest("GET / HTTP/1.1")).isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("not a protocol message");
        assertThatThrownBy(() -> codec.readRequest("{\"id\":1}")).isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("without an op");
        assertThatThrownBy(() -> codec.readReply("{\"id\":1}")).isInstanceOf(PluginProtocolException.class)
                .hasMessageContaining("without a type");
        assertThatThrownBy(() -> codec.readReply("null")).isInstanceOf(PluginProtocolException.class);
    }

    @Test
    void aNotStartedAnswerWrittenByAPluginDecodesToNotStarted() {
        var written = codec.tree(Map.of("observations", Map.of("e-1",
                Map.of("kind", "not-started", "evidence", "container hm-e-1 created but never started"))));

        assertThat(codec.body(written, PluginWire.RecoverResult.class).observations().get("e-1"))
                .isEqualTo(new Observation.NotStarted("container hm-e-1 created but never started"));
    }

    @Test
    void aBodyOfTheWrongShapeIsAProtocolError() {
        var notAnObservation = codec.tree(Map.of("observations", Map.of("e-1", Map.of("kind", "exploded"))));

        assertThatThrownBy(() -> codec.body(notAnObservation, PluginWire.RecoverResult.class))
                .isInstanceOf(PluginProtocolException.class).hasMessageContaining("malformed RecoverResult");
        assertThatThrownBy(() -> codec.body(null, PluginWire.Hello.class))
                .isInstanceOf(PluginProtocolException.class).hasMessageContaining("got none");
    }

    private <T> T roundTrip(T value, Class<T> type) {
        PluginWire.Request request = codec.readRequest(codec.encode(new PluginWire.Request(9, "x", codec.tree(value))));
        return codec.body(request.body(), type);
    }
}
