package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-written reattach lines against the protocol's reference, {@link PluginCodec}: same text, same values. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HelloLinesTest {

    private static final Path ROOT = Path.of("/data/hm dir/executions");
    private static final Instant STARTED = Instant.parse("2026-03-01T10:41:07.123456789Z");
    private static final ReattachConfig REATTACH = new ReattachConfig(PluginLauncher.PROTOCOL, 2,
            "/run/hm/wasm.sock", 4242, STARTED, "wasm.token");

    private final PluginCodec codec = new PluginCodec();

    @Test
    void aHelloIsTheLineTheCodecWritesAndReadsBackAsTheCodecReadsIt() {
        List<ExecutionRef> refs = List.of(
                new ExecutionRef("e-1", null, REATTACH, ExecutionFiles.under(ROOT, "e-1")),
                new ExecutionRef("e-\"2\"\n", ExecutorHandle.of("wasm", Map.of("thread", "t\\1", "é", "\u0007")),
                        REATTACH, ExecutionFiles.under(ROOT, "e-\"2\"\n")),
                new ExecutionRef("e-3", ExecutorHandle.of("wasm", Map.of()), null,
                        ExecutionFiles.under(Path.of("/elsewhere"), "e-3")));
        for (PluginWire.Hello hello : List.of(new PluginWire.Hello("tok\"en", 1, 2),
                new PluginWire.Hello("t", 1, 2, PluginWire.RecoverCall.sent(refs, 2)),
                new PluginWire.Hello("t", 1, 1, PluginWire.RecoverCall.sent(refs, 1)),
                new PluginWire.Hello(null, 1, 2, PluginWire.RecoverCall.sent(List.of(), 2)))) {
            String line = HelloLines.hello(7, hello);
            String reference = codec.encode(new PluginWire.Call(7, "hello", hello));

            assertThat(line).isEqualTo(reference);
            PluginWire.HelloRequest read = HelloLineReader.hello(line).orElseThrow();
            assertThat(read).isEqualTo(codec.decode(reference, PluginWire.HelloRequest.class));
            assertThat(read.body().token()).isEqualTo(hello.token());
            assertThat(read.body().recover()).isEqualTo(hello.recover());
        }
    }

    @Test
    void aRefThatStillCarriesItsReattachConfigIsWrittenByTheCodec() {
        PluginWire.Hello hello = new PluginWire.Hello("t", 1, 2, new PluginWire.RecoverCall(
                List.of(new ExecutionRef("e-1", null, REATTACH, ExecutionFiles.under(ROOT, "e-1")))));

        String line = HelloLines.hello(1, hello);

        assertThat(line).isEqualTo(codec.encode(new PluginWire.Call(1, "hello", hello)));
        assertThat(HelloLineReader.hello(line)).as("reattach configs are left to Jackson").isEmpty();
    }

    @Test
    void helloLinesInAnyOtherShapeAreLeftToTheCodec() {
        for (String line : List.of(
                "{\"id\":1,\"op\":\"ping\",\"body\":{\"token\":\"t\",\"coreVersion\":1,\"appVersion\":2}}",
                "{\"id\":1,\"op\":\"hello\"}",
                "{\"id\":1,\"op\":\"hello\",\"body\":null}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"coreVersion\":1,\"appVersion\":2,\"extra\":1}}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"token\":\"u\",\"coreVersion\":1}}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"coreVersion\":\"1\",\"appVersion\":2}}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"recover\":{\"refs\":[{\"executionId\":\"e\","
                        + "\"handle\":{\"attributes\":{}}}]}}}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"recover\":{\"refs\":[],"
                        + "\"executionsRoot\":\"s3://bucket/x\"}}}",
                "not json", "", "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\"}} trailing")) {
            assertThat(HelloLineReader.hello(line)).as(line).isEmpty();
        }
    }

    @Test
    void aPlainPathWithoutSchemeReadsAsJacksonReadsIt() {
        String line = "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"coreVersion\":1,\"appVersion\":2,"
                + "\"recover\":{\"refs\":[{\"executionId\":\"e\"}],\"executionsRoot\":\"/data/executions\"}}}";

        assertThat(HelloLineReader.hello(line).orElseThrow())
                .isEqualTo(codec.decode(line, PluginWire.HelloRequest.class));
    }

    @Test
    void aWelcomeIsTheLineTheCodecWritesAndReadsBackAsTheCodecReadsIt() {
        PluginWire.Info info = new PluginWire.Info(4242, STARTED, "d-\"1\"", "wasm", 1, 2, 3);
        Map<String, Observation> observations = new LinkedHashMap<>();
        observations.put("e-1", new Observation.Exited(0, Instant.parse("2026-11-29T01:12:56.471Z"), "exit record"));
        observations.put("e-2", new Observation.Exited(null, Instant.parse("2026-11-29T01:12:56Z"), "no\ncode"));
        observations.put("e-3", new Observation.Running("thread t-1"));
        observations.put("e-4", new Observation.Gone("none"));
        observations.put("e-5", new Observation.NotStarted("created"));
        observations.put("e-6", new Observation.Unknown("engine down"));
        for (PluginWire.Welcome welcome : List.of(
                new PluginWire.Welcome(info, new PluginWire.RecoverResult(observations), null),
                new PluginWire.Welcome(info, new PluginWire.RecoverResult(Map.of()), null),
                new PluginWire.Welcome(info, null, new PluginWire.Failure(PluginWire.EXECUTOR_FAILED, "disk \"gone\"")))) {
            String line = HelloLines.result(3, welcome);

            assertThat(line).isEqualTo(codec.encode(PluginWire.Result.of(3, welcome)));
            assertThat(HelloLineReader.welcome(line, 3)).contains(welcome);
            assertThat(codec.body(codec.readReply(line).body(), PluginWire.Welcome.class)).isEqualTo(welcome);
            assertThat(HelloLineReader.welcome(line, 4)).as("another message's answer").isEmpty();
        }
    }

    @Test
    void anInfoAnswerIsTheLineTheCodecWrites() {
        PluginWire.Info info = new PluginWire.Info(4242, STARTED, "shared", "docker", 1, 2, 0);

        assertThat(HelloLines.result(1, info)).isEqualTo(codec.encode(PluginWire.Result.of(1, info)));
    }

    @Test
    void aPrimeReadsBothReattachLinesBackByHand() {
        for (String type : new String[] {"wasm", "docker", "type \"odd\"\n"}) {
            PluginWire.Info info = new PluginWire.Info(4242, STARTED, "d-1", type, PluginHandshake.CORE_PROTOCOL_VERSION,
                    PluginHandshake.APP_PROTOCOL_VERSION, 0);

            assertThat(HelloLines.prime(info)).as(type).isTrue();
        }
        assertThat(HelloLines.prime(new PluginWire.Info(1, null, null, null, 1, 2, 0)))
                .as("an info the welcome reader declines: reported, not thrown").isFalse();
    }

    @Test
    void repliesInAnyOtherShapeAreLeftToTheCodec() {
        for (String line : List.of(
                codec.encode(PluginWire.Reply.failure(1, PluginWire.UNAUTHORIZED, "wrong token")),
                codec.encode(PluginWire.Reply.event(1, PluginWire.HEARTBEAT)),
                "{\"id\":1,\"type\":\"result\",\"body\":{\"recovered\":{\"observations\":{}}}}",
                "{\"id\":1,\"type\":\"result\",\"body\":{\"info\":{\"pid\":1,\"future\":true}}}",
                "{\"id\":1,\"type\":\"result\",\"body\":{\"info\":{\"pid\":1},\"recovered\":{\"observations\":"
                        + "{\"e\":{\"kind\":\"sleeping\",\"evidence\":\"x\"}}}}}",
                "{\"id\":1,\"type\":\"result\",\"body\":{\"info\":{\"pid\":1},\"recovered\":{\"observations\":"
                        + "{\"e\":{\"kind\":\"running\",\"exitCode\":0}}}}}",
                "{\"id\":1,\"type\":\"result\",\"body\":{\"info\":{\"pid\":1,\"startedAt\":\"yesterday\"}}}",
                "garbage")) {
            assertThat(HelloLineReader.welcome(line, 1)).as(line).isEmpty();
        }
    }
}
