package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.ResourceSpec;
import io.harbormaster.core.spec.TaskSpec;
import io.harbormaster.core.spec.WasmEngineSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The requests a plugin reads by hand and the replies it writes by hand, against the protocol's reference,
 * {@link PluginCodec}: what the codec writes reads back as the codec reads it, what the plugin writes is the text the
 * codec writes, and every other shape is left to the codec.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallLinesTest {

    private static final Path ROOT = Path.of("/data/hm dir/executions");
    private static final Instant STARTED = Instant.parse("2026-03-01T10:41:07.123456789Z");
    private static final ReattachConfig REATTACH = new ReattachConfig(PluginLauncher.PROTOCOL, 2,
            "/run/hm/d-1.sock", 4242, STARTED, "d-1.token");

    private final PluginCodec codec = new PluginCodec();

    @Test
    void startRequestsAsTheNodeWritesThemReadAsTheCodecReadsThem() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "ops \"night\"");
        labels.put("é\u0001", "tab\there");
        InputSource module = InputSource.localDirectory("/jobs/ticker.wasm", "/module", false);
        InputSource data = new InputSource("data", "/data", InputSource.LOCAL_DIRECTORY, "/srv/in put", true);
        List<JobSpec> specs = List.of(
                new JobSpec("ticker", null, JobType.SERVICE, 1, null, null, new TaskSpec("main",
                        EngineSpec.wasm(new WasmEngineSpec(module, null, null, null, null)), null, null, null, null)),
                new JobSpec("w \\ 2", "ns", JobType.BATCH, 3, labels, Map.of("k", ""), new TaskSpec("t",
                        EngineSpec.wasm(new WasmEngineSpec(module, "run", List.of("-n", "3", "\u2603", ""),
                                Map.of("A", "1", "B", "x=y"), List.of(data))),
                        Map.of("HOME", "/root"), List.of(data, module), Duration.ofMillis(90_500),
                        new ResourceSpec("500m", "64Mi", 500, 64L << 20))),
                new JobSpec("d", "default", JobType.DAEMON, 1, Map.of(), Map.of(), new TaskSpec("t",
                        EngineSpec.docker(new DockerEngineSpec("busybox:1", List.of("/bin/sh", "-c"),
                                List.of("echo hi; sleep 1"), List.of("A=1"), "/work")),
                        Map.of(), List.of(), Duration.ofHours(25).plusNanos(1), ResourceSpec.NONE)),
                new JobSpec("o", "default", JobType.OPS, 0, null, null, new TaskSpec("t",
                        EngineSpec.docker(new DockerEngineSpec("img", null, null, null, null)),
                        null, null, Duration.ofSeconds(-5), null)));
        long id = 10;
        for (JobSpec spec : specs) {
            StartRequest start = new StartRequest("e-" + id, "j-" + id, (int) id, spec, ExecutionFiles.under(ROOT, "e-" + id));
            assertReadAsTheCodecReadsIt(new PluginWire.Call(id++, PluginOp.START.wireName(), start));
        }
    }

    @Test
    void randomStartRequestsReadAsTheCodecReadsThem() {
        Random random = new Random(20261129);
        for (int i = 0; i < 500; i++) {
            StartRequest start = randomStart(random, i);
            assertReadAsTheCodecReadsIt(new PluginWire.Call(i, PluginOp.START.wireName(), start));
        }
    }

    @Test
    void awaitRecoverStopShutdownPingAndOwnedReadAsTheCodecReadsThem() {
        ExecutionRef ref = new ExecutionRef("e-\"1\"", ExecutorHandle.of("wasm", Map.of("thread", "t-1")), REATTACH,
                ExecutionFiles.under(ROOT, "e-\"1\""));
        ExecutionRef bare = new ExecutionRef("e-2", null, null, null);
        for (PluginWire.Call call : List.of(
                new PluginWire.Call(1, PluginOp.AWAIT.wireName(), ref),
                new PluginWire.Call(2, PluginOp.AWAIT.wireName(), bare),
                new PluginWire.Call(3, PluginOp.STOP.wireName(), new PluginWire.StopCall(ref, Duration.ofSeconds(10))),
                new PluginWire.Call(4, PluginOp.STOP.wireName(), new PluginWire.StopCall(bare, null)),
                new PluginWire.Call(5, PluginOp.SHUTDOWN.wireName(), new PluginWire.ShutdownCall(true, Duration.ofMillis(1500))),
                new PluginWire.Call(6, PluginOp.SHUTDOWN.wireName(), new PluginWire.ShutdownCall(false, null)),
                new PluginWire.Call(7, PluginOp.PING.wireName(), null),
                new PluginWire.Call(9, PluginOp.RECOVER.wireName(), new PluginWire.RecoverCall(List.of(ref, bare))),
                new PluginWire.Call(10, PluginOp.RECOVER.wireName(),
                        PluginWire.RecoverCall.sent(List.of(ref, bare), PluginHandshake.APP_PROTOCOL_VERSION)),
                new PluginWire.Call(8, PluginOp.OWNED.wireName(), null))) {
            assertReadAsTheCodecReadsIt(call);
        }
    }

    @Test
    void requestsInAnyOtherShapeAreLeftToTheCodec() {
        String start = codec.encode(new PluginWire.Call(1, PluginOp.START.wireName(), randomStart(new Random(1), 1)));
        String body = start.substring(start.indexOf("\"body\":") + 7, start.length() - 1);
        for (String line : List.of(
                "{\"id\":1,\"body\":" + body + ",\"op\":\"start\"}",
                "{\"id\":1,\"op\":\"start\"}",
                "{\"id\":1,\"op\":\"start\",\"body\":null}",
                "{\"id\":1,\"op\":\"start\",\"body\":" + body + ",\"extra\":1}",
                "{\"id\":1,\"op\":\"start\",\"op\":\"stop\",\"body\":" + body + "}",
                "{\"id\":\"1\",\"op\":\"ping\"}",
                "{\"id\":1,\"op\":\"recover\",\"body\":{\"executionsRoot\":\"/x\"}}",
                "{\"id\":1,\"op\":\"hello\",\"body\":{\"token\":\"t\",\"coreVersion\":1,\"appVersion\":2}}",
                "{\"id\":1,\"op\":\"launch\"}",
                "{\"id\":1,\"op\":\"ping\",\"body\":{}}",
                "{\"id\":1,\"op\":\"stop\",\"body\":{\"ref\":{\"executionId\":\"e\"},\"grace\":10}}",
                "{\"id\":1,\"op\":\"stop\",\"body\":{\"ref\":{\"executionId\":\"e\"},\"grace\":\" PT1S\"}}",
                "{\"id\":1,\"op\":\"shutdown\",\"body\":{\"stopExecutions\":\"true\"}}",
                "{\"id\":1,\"op\":\"await\",\"body\":{\"executionId\":\"e\",\"handle\":{\"executorType\":\"wasm\","
                        + "\"attributes\":{\"a\":\"1\",\"a\":\"2\"}}}}",
                "{\"id\":1,\"op\":\"await\",\"body\":{\"executionId\":\"e\",\"reattach\":{\"protocol\":\"p\"}}}",
                start.replace("\"SERVICE\"", "\"service\"").replace("\"BATCH\"", "\"batch\"")
                        .replace("\"OPS\"", "\"ops\"").replace("\"DAEMON\"", "\"daemon\""),
                start.replace("\"attempt\":1", "\"attempt\":1.0"),
                start + " trailing",
                "not json", "")) {
            assertThat(CallLineReader.call(line)).as(line).isEmpty();
        }
    }

    @Test
    void repliesAreTheLinesTheCodecWrites() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("thread", "wasm-\"1\"");
        attributes.put("machine", "compiled\n");
        List<Object> bodies = List.of(
                ExecutorHandle.of("wasm", attributes), ExecutorHandle.of("docker", Map.of()),
                new ExitResult(0, Instant.parse("2026-11-29T01:12:56.471Z"), null),
                new ExitResult(null, Instant.parse("2026-11-29T01:12:56Z"), "trap: \"unreachable\"\tat 0x2a"),
                new ExitResult(-1, STARTED, ""),
                PluginWire.Done.INSTANCE, new PluginWire.Done(false),
                new PluginWire.RecoverResult(Map.of("e-1", new Observation.Running("thread t-1"),
                        "e-2", new Observation.Exited(null, STARTED, "exit record \"x\""))),
                new PluginWire.RecoverResult(Map.of()),
                new PluginWire.Info(4242, STARTED, "d-1", "wasm", 1, 2, 1),
                new PluginWire.OwnedResult(List.of()));
        for (Object body : bodies) {
            String line = CallLines.result(9, body);
            assertThat(line).as("%s", body).isEqualTo(codec.encode(PluginWire.Result.of(9, body)));
            assertThat(codec.body(codec.readReply(line).body(), body.getClass())).isEqualTo(body);
        }
        assertThat(CallLines.event(3, PluginWire.HEARTBEAT))
                .isEqualTo(codec.encode(PluginWire.Reply.event(3, PluginWire.HEARTBEAT)));
        for (String message : List.of("wrong token", "no \"such\"\nexecution\u0000", "")) {
            assertThat(CallLines.failure(4, PluginWire.EXECUTOR_FAILED, message))
                    .isEqualTo(codec.encode(PluginWire.Reply.failure(4, PluginWire.EXECUTOR_FAILED, message)));
        }
    }

    /** The codec's line for {@code call} reads by hand into exactly what the codec reads from it. */
    private void assertReadAsTheCodecReadsIt(PluginWire.Call call) {
        String line = codec.encode(call);
        PluginWire.Call read = CallLineReader.call(line).orElseThrow(() -> new AssertionError("declined: " + line));
        PluginWire.Request request = codec.readRequest(line);
        assertThat(read.id()).isEqualTo(request.id());
        assertThat(read.op()).isEqualTo(request.op());
        Object expected = call.body() == null ? null : codec.body(request.body(), call.body().getClass());
        assertThat(read.body()).as(line).isEqualTo(expected).isEqualTo(call.body());
    }

    private static StartRequest randomStart(Random random, int i) {
        InputSource module = new InputSource(maybe(random), maybe(random), InputSource.LOCAL_DIRECTORY,
                text(random), random.nextBoolean());
        EngineSpec engine = random.nextBoolean()
                ? EngineSpec.wasm(new WasmEngineSpec(module, maybe(random), list(random), map(random),
                        random.nextBoolean() ? null : List.of(module)))
                : EngineSpec.docker(new DockerEngineSpec(text(random), list(random), list(random), list(random),
                        maybe(random)));
        Duration timeout = random.nextBoolean() ? null
                : Duration.ofSeconds(random.nextInt(1_000_000), random.nextInt(1_000_000_000));
        ResourceSpec resources = random.nextBoolean() ? null
                : new ResourceSpec(maybe(random), maybe(random), random.nextInt(10_000), random.nextLong() >>> 14);
        TaskSpec task = new TaskSpec(text(random), engine, map(random), random.nextBoolean() ? null : List.of(module),
                timeout, resources);
        JobSpec spec = new JobSpec(text(random), maybe(random), JobType.values()[random.nextInt(4)],
                random.nextInt(5), map(random), map(random), task);
        ExecutionFiles files = random.nextBoolean() ? null : ExecutionFiles.under(Path.of("/d", text(random)), "e-" + i);
        return new StartRequest("e-" + i, maybe(random), random.nextInt(), spec, files);
    }

    private static String maybe(Random random) {
        return random.nextInt(4) == 0 ? null : text(random);
    }

    /** Any text, control characters, quotes, backslashes and characters beyond ASCII included. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> "\"\\/".charAt(random.nextInt(3));
                case 2 -> (char) (0x80 + random.nextInt(0x3000));
                default -> (char) (0x20 + random.nextInt(0x5f));
            });
        }
        return text.toString().replace('\u0000', 'z').replace('/', 'y'); // paths: no NUL, no separator in a name
    }

    private static List<String> list(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(text(random));
        }
        return list;
    }

    private static Map<String, String> map(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            map.put(text(random), text(random));
        }
        return map;
    }
}
