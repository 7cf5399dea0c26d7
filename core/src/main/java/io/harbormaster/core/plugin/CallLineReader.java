package io.harbormaster.core.plugin;

import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.json.JsonCursor;
import io.harbormaster.core.spec.DockerEngineSpec;
import io.harbormaster.core.spec.EngineSpec;
import io.harbormaster.core.spec.InputSource;
import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobType;
import io.harbormaster.core.spec.ResourceSpec;
import io.harbormaster.core.spec.TaskSpec;
import io.harbormaster.core.spec.WasmEngineSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads, in the plugin, the requests a dedicated plugin serves after its hello: {@code start}, {@code await},
 * {@code recover} (as a node of app protocol 1 asks it), {@code stop}, {@code shutdown}, {@code ping} and
 * {@code owned}, in the shape {@link PluginCodec} writes them, with
 * no reflection and no tree. A plugin that reads its lines this way never loads Jackson's databind (about 650
 * classes, and the JDK's locale tables its mapper builds): most of what an idle plugin holds beyond the JVM itself.
 * Anything outside that shape (another op, an unknown or repeated member, the body before the op, a number where
 * text was due) is declined and read by {@link PluginCodec}, which stays the protocol's reference and says what is
 * wrong with a bad line.
 */
public final class CallLineReader {

    private CallLineReader() {
    }

    /** The request with its body as its record ({@code null} for an op that takes none); empty when declined. */
    public static Optional<PluginWire.Call> call(String text) {
        try {
            JsonCursor in = new JsonCursor(text);
            long id = 0;
            String op = null;
            Object body = null;
            for (JsonCursor.Members members = in.object(); members.next(); ) {
                switch (members.name()) {
                    case "id" -> id = in.integer();
                    case "op" -> op = in.string();
                    case "body" -> body = in.consumeNull() ? null : body(in, op);
                    default -> throw new JsonCursor.Unexpected("member " + members.name());
                }
            }
            in.end();
            if (op == null || body == null && needsBody(op) || !readsHere(op)) {
                return Optional.empty();
            }
            return Optional.of(new PluginWire.Call(id, op, body));
        } catch (JsonCursor.Unexpected | DateTimeException | IllegalArgumentException | NullPointerException other) {
            return Optional.empty();
        }
    }

    private static boolean readsHere(String op) {
        return needsBody(op) || PluginOp.PING.wireName().equals(op) || PluginOp.OWNED.wireName().equals(op);
    }

    private static boolean needsBody(String op) {
        return PluginOp.START.wireName().equals(op) || PluginOp.AWAIT.wireName().equals(op)
                || PluginOp.RECOVER.wireName().equals(op)
                || PluginOp.STOP.wireName().equals(op) || PluginOp.SHUTDOWN.wireName().equals(op);
    }

    /** The body of {@code op}, which must have come before it, as the codec writes it. */
    private static Object body(JsonCursor in, String op) {
        if (op == null || !needsBody(op)) {
            throw new JsonCursor.Unexpected("a body before its op, or for " + op);
        }
        if (PluginOp.START.wireName().equals(op)) {
            return start(in);
        }
        if (PluginOp.AWAIT.wireName().equals(op)) {
            return HelloLineReader.readRef(in, true);
        }
        if (PluginOp.RECOVER.wireName().equals(op)) {
            return HelloLineReader.readRecover(in, true);
        }
        if (PluginOp.STOP.wireName().equals(op)) {
            return stop(in);
        }
        return shutdown(in);
    }

    private static StartRequest start(JsonCursor in) {
        String executionId = null;
        String jobId = null;
        int attempt = 0;
        JobSpec spec = null;
        ExecutionFiles files = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "executionId" -> executionId = in.stringOrNull();
                case "jobId" -> jobId = in.stringOrNull();
                case "attempt" -> attempt = in.intValue();
                case "spec" -> spec = in.consumeNull() ? null : job(in);
                case "files" -> files = in.consumeNull() ? null : HelloLineReader.readFiles(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new StartRequest(executionId, jobId, attempt, spec, files);
    }

    private static JobSpec job(JsonCursor in) {
        String name = null;
        String namespace = null;
        JobType type = null;
        int count = 0;
        Map<String, String> labels = null;
        Map<String, String> meta = null;
        TaskSpec task = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "name" -> name = in.stringOrNull();
                case "namespace" -> namespace = in.stringOrNull();
                case "type" -> type = in.consumeNull() ? null : JobType.valueOf(in.string());
                case "count" -> count = in.intValue();
                case "labels" -> labels = stringMap(in);
                case "meta" -> meta = stringMap(in);
                case "task" -> task = in.consumeNull() ? null : task(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new JobSpec(name, namespace, type, count, labels, meta, task);
    }

    private static TaskSpec task(JsonCursor in) {
        String name = null;
        EngineSpec engine = null;
        Map<String, String> env = null;
        List<InputSource> inputSources = null;
        Duration executionTimeout = null;
        ResourceSpec resources = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "name" -> name = in.stringOrNull();
                case "engine" -> engine = in.consumeNull() ? null : engine(in);
                case "env" -> env = stringMap(in);
                case "inputSources" -> inputSources = inputSources(in);
                case "executionTimeout" -> executionTimeout = duration(in);
                case "resources" -> resources = in.consumeNull() ? null : resources(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new TaskSpec(name, engine, env, inputSources, executionTimeout, resources);
    }

    private static EngineSpec engine(JsonCursor in) {
        String type = null;
        DockerEngineSpec docker = null;
        WasmEngineSpec wasm = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "type" -> type = in.stringOrNull();
                case "docker" -> docker = in.consumeNull() ? null : docker(in);
                case "wasm" -> wasm = in.consumeNull() ? null : wasm(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new EngineSpec(type, docker, wasm);
    }

    private static DockerEngineSpec docker(JsonCursor in) {
        String image = null;
        List<String> entrypoint = null;
        List<String> parameters = null;
        List<String> environmentVariables = null;
        String workingDirectory = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "image" -> image = in.stringOrNull();
                case "entrypoint" -> entrypoint = stringList(in);
                case "parameters" -> parameters = stringList(in);
                case "environmentVariables" -> environmentVariables = stringList(in);
                case "workingDirectory" -> workingDirectory = in.stringOrNull();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new DockerEngineSpec(image, entrypoint, parameters, environmentVariables, workingDirectory);
    }

    private static WasmEngineSpec wasm(JsonCursor in) {
        InputSource entryModule = null;
        String entryPoint = null;
        List<String> parameters = null;
        Map<String, String> environmentVariables = null;
        List<InputSource> importModules = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "entryModule" -> entryModule = in.consumeNull() ? null : inputSource(in);
                case "entryPoint" -> entryPoint = in.stringOrNull();
                case "parameters" -> parameters = stringList(in);
                case "environmentVariables" -> environmentVariables = stringMap(in);
                case "importModules" -> importModules = inputSources(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new WasmEngineSpec(entryModule, entryPoint, parameters, environmentVariables, importModules);
    }

    private static List<InputSource> inputSources(JsonCursor in) {
        if (in.consumeNull()) {
            return null;
        }
        List<InputSource> sources = new ArrayList<>();
        in.expect('[');
        for (boolean first = true; in.nextElement(first); first = false) {
            sources.add(inputSource(in));
        }
        return sources;
    }

    private static InputSource inputSource(JsonCursor in) {
        String alias = null;
        String target = null;
        String sourceType = null;
        String sourcePath = null;
        boolean readWrite = false;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "alias" -> alias = in.stringOrNull();
                case "target" -> target = in.stringOrNull();
                case "sourceType" -> sourceType = in.stringOrNull();
                case "sourcePath" -> sourcePath = in.stringOrNull();
                case "readWrite" -> readWrite = in.bool();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new InputSource(alias, target, sourceType, sourcePath, readWrite);
    }

    private static ResourceSpec resources(JsonCursor in) {
        String cpu = null;
        String memory = null;
        long cpuMillis = 0;
        long memoryBytes = 0;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "cpu" -> cpu = in.stringOrNull();
                case "memory" -> memory = in.stringOrNull();
                case "cpuMillis" -> cpuMillis = in.integer();
                case "memoryBytes" -> memoryBytes = in.integer();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new ResourceSpec(cpu, memory, cpuMillis, memoryBytes);
    }

    private static PluginWire.StopCall stop(JsonCursor in) {
        ExecutionRef ref = null;
        Duration grace = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "ref" -> ref = in.consumeNull() ? null : HelloLineReader.readRef(in, true);
                case "grace" -> grace = duration(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.StopCall(ref, grace);
    }

    private static PluginWire.ShutdownCall shutdown(JsonCursor in) {
        boolean stopExecutions = false;
        Duration grace = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "stopExecutions" -> stopExecutions = in.bool();
                case "grace" -> grace = duration(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.ShutdownCall(stopExecutions, grace);
    }

    /** A map of strings as Jackson writes one (no null values); a key twice is left to Jackson's rules. */
    private static Map<String, String> stringMap(JsonCursor in) {
        if (in.consumeNull()) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        in.expect('{');
        for (boolean first = true; in.nextMember(first); first = false) {
            if (map.put(in.name(), in.string()) != null) {
                throw new JsonCursor.Unexpected("a repeated key");
            }
        }
        return map;
    }

    private static List<String> stringList(JsonCursor in) {
        if (in.consumeNull()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        in.expect('[');
        for (boolean first = true; in.nextElement(first); first = false) {
            list.add(in.string());
        }
        return list;
    }

    /**
     * A duration in the ISO-8601 text {@link Duration#toString()} writes, which Jackson reads with
     * {@link Duration#parse}; its other forms (numbers, padded or empty text) are left to it.
     */
    private static Duration duration(JsonCursor in) {
        if (in.consumeNull()) {
            return null;
        }
        String text = in.string();
        if (text.isEmpty() || !(text.charAt(0) == 'P' || text.startsWith("-P") || text.startsWith("+P"))) {
            throw new JsonCursor.Unexpected("a duration in another form");
        }
        return Duration.parse(text);
    }
}
