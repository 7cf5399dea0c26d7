package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.json.IsoInstants;
import io.harbormaster.core.json.JsonCursor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the lines {@link HelloLines} writes: the hello (in the plugin) and its welcome (in the node), in one pass,
 * with no reflection and no tree. Each reader returns empty for anything outside that shape (an unknown field,
 * another reply type, a member twice): the caller then reads the line with {@link PluginCodec}, which stays the
 * protocol's reference and says what is wrong with a bad line.
 */
public final class HelloLineReader {

    private HelloLineReader() {
    }

    /** A hello with a body, as the plugin reads the first line of a connection; empty when the line is not one. */
    public static Optional<PluginWire.HelloRequest> hello(String text) {
        try {
            JsonCursor in = new JsonCursor(text);
            long id = 0;
            String op = null;
            PluginWire.Hello body = null;
            for (JsonCursor.Members members = in.object(); members.next(); ) {
                switch (members.name()) {
                    case "id" -> id = in.integer();
                    case "op" -> op = in.stringOrNull();
                    case "body" -> body = in.consumeNull() ? null : readHelloBody(in);
                    default -> throw new JsonCursor.Unexpected("member " + members.name());
                }
            }
            in.end();
            if (!PluginOp.HELLO.wireName().equals(op) || body == null) {
                return Optional.empty();
            }
            return Optional.of(new PluginWire.HelloRequest(id, op, body));
        } catch (JsonCursor.Unexpected | IllegalArgumentException | NullPointerException notThisShape) {
            return Optional.empty();
        }
    }

    /**
     * The plugin's answer to a hello that carried a recover, as the node reads it; empty when the line is anything
     * else (an error, another id, an unknown field) and the caller reads it with {@link PluginCodec}.
     */
    public static Optional<PluginWire.Welcome> welcome(String text, long expectedId) {
        try {
            JsonCursor in = new JsonCursor(text);
            long id = -1;
            String type = null;
            PluginWire.Welcome body = null;
            for (JsonCursor.Members members = in.object(); members.next(); ) {
                switch (members.name()) {
                    case "id" -> id = in.integer();
                    case "type" -> type = in.string();
                    case "body" -> body = readWelcomeBody(in);
                    default -> throw new JsonCursor.Unexpected("member " + members.name());
                }
            }
            in.end();
            return id == expectedId && PluginWire.RESULT.equals(type) && body != null && body.info() != null
                    ? Optional.of(body) : Optional.empty();
        } catch (JsonCursor.Unexpected | DateTimeException | IllegalArgumentException | NullPointerException other) {
            return Optional.empty();
        }
    }

    private static PluginWire.Hello readHelloBody(JsonCursor in) {
        String token = null;
        int coreVersion = 0;
        int appVersion = 0;
        PluginWire.RecoverCall recover = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "token" -> token = in.stringOrNull();
                case "coreVersion" -> coreVersion = in.intValue();
                case "appVersion" -> appVersion = in.intValue();
                case "recover" -> recover = in.consumeNull() ? null : readRecover(in, false);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.Hello(token, coreVersion, appVersion, recover);
    }

    /** A recover call; with {@code withReattach}, its refs may carry reattach configs (a recover apart from a hello). */
    static PluginWire.RecoverCall readRecover(JsonCursor in, boolean withReattach) {
        List<ExecutionRef> refs = null;
        Path root = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "refs" -> {
                    refs = new ArrayList<>();
                    in.expect('[');
                    for (boolean firstRef = true; in.nextElement(firstRef); firstRef = false) {
                        refs.add(readRef(in, withReattach));
                    }
                }
                case "executionsRoot" -> root = path(in.stringOrNull());
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        if (refs == null) {
            throw new JsonCursor.Unexpected("a recover without refs");
        }
        return new PluginWire.RecoverCall(refs, root);
    }

    /** A ref; with {@code withReattach}, its reattach config too (an await or a stop carries it, a recover never). */
    static ExecutionRef readRef(JsonCursor in, boolean withReattach) {
        String executionId = null;
        ExecutorHandle handle = null;
        ReattachConfig reattach = null;
        ExecutionFiles files = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "executionId" -> executionId = in.stringOrNull();
                case "handle" -> handle = in.consumeNull() ? null : readHandle(in);
                case "files" -> files = in.consumeNull() ? null : readFiles(in);
                case "reattach" -> {
                    if (!withReattach) {
                        throw new JsonCursor.Unexpected("a recover's ref with a reattach config"); // Jackson reads it
                    }
                    reattach = in.consumeNull() ? null : readReattach(in);
                }
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new ExecutionRef(executionId, handle, reattach, files);
    }

    private static ReattachConfig readReattach(JsonCursor in) {
        String protocol = null;
        int protocolVersion = 0;
        String socketPath = null;
        long pid = 0;
        Instant processStart = null;
        String tokenRef = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "protocol" -> protocol = in.stringOrNull();
                case "protocolVersion" -> protocolVersion = in.intValue();
                case "socketPath" -> socketPath = in.stringOrNull();
                case "pid" -> pid = in.integer();
                case "processStart" -> processStart = instant(in.stringOrNull());
                case "tokenRef" -> tokenRef = in.stringOrNull();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new ReattachConfig(protocol, protocolVersion, socketPath, pid, processStart, tokenRef);
    }

    static ExecutorHandle readHandle(JsonCursor in) {
        String type = null;
        Map<String, String> attributes = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "executorType" -> type = in.string();
                case "attributes" -> {
                    if (!in.consumeNull()) {
                        attributes = new HashMap<>();
                        in.expect('{');
                        for (boolean firstAttribute = true; in.nextMember(firstAttribute); firstAttribute = false) {
                            if (attributes.put(in.name(), in.string()) != null) {
                                throw new JsonCursor.Unexpected("a repeated attribute");
                            }
                        }
                    }
                }
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new ExecutorHandle(type, attributes);
    }

    static ExecutionFiles readFiles(JsonCursor in) {
        Path dir = null;
        Path stdout = null;
        Path stderr = null;
        Path exit = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "dir" -> dir = path(in.stringOrNull());
                case "stdout" -> stdout = path(in.stringOrNull());
                case "stderr" -> stderr = path(in.stringOrNull());
                case "exit" -> exit = path(in.stringOrNull());
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new ExecutionFiles(dir, stdout, stderr, exit);
    }

    private static PluginWire.Welcome readWelcomeBody(JsonCursor in) {
        PluginWire.Info info = null;
        PluginWire.RecoverResult recovered = null;
        PluginWire.Failure failure = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "info" -> info = readInfo(in);
                case "recovered" -> recovered = readRecovered(in);
                case "recoverFailure" -> failure = readFailure(in);
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.Welcome(info, recovered, failure);
    }

    private static PluginWire.Info readInfo(JsonCursor in) {
        long pid = 0;
        Instant startedAt = null;
        String name = null;
        String executorType = null;
        int coreVersion = 0;
        int appVersion = 0;
        int executions = 0;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "pid" -> pid = in.integer();
                case "startedAt" -> startedAt = instant(in.stringOrNull());
                case "name" -> name = in.stringOrNull();
                case "executorType" -> executorType = in.stringOrNull();
                case "coreVersion" -> coreVersion = in.intValue();
                case "appVersion" -> appVersion = in.intValue();
                case "executions" -> executions = in.intValue();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.Info(pid, startedAt, name, executorType, coreVersion, appVersion, executions);
    }

    private static PluginWire.RecoverResult readRecovered(JsonCursor in) {
        Map<String, Observation> observations = null;
        in.expect('{');
        for (boolean first = true; in.nextMember(first); first = false) {
            String member = in.name();
            if (!"observations".equals(member) || observations != null) {
                throw new JsonCursor.Unexpected("member " + member);
            }
            observations = new LinkedHashMap<>();
            in.expect('{');
            for (boolean firstObservation = true; in.nextMember(firstObservation); firstObservation = false) {
                String executionId = in.name();
                if (observations.put(executionId, readObservation(in)) != null) {
                    throw new JsonCursor.Unexpected("a repeated execution");
                }
            }
        }
        if (observations == null) {
            throw new JsonCursor.Unexpected("recovered without observations");
        }
        return new PluginWire.RecoverResult(observations);
    }

    private static Observation readObservation(JsonCursor in) {
        String kind = null;
        Integer exitCode = null;
        Instant finishedAt = null;
        String evidence = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "kind" -> kind = in.string();
                case "exitCode" -> exitCode = in.consumeNull() ? null : in.intValue();
                case "finishedAt" -> finishedAt = instant(in.stringOrNull());
                case "evidence" -> evidence = in.stringOrNull();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        boolean exited = "exited".equals(kind);
        if (!exited && (exitCode != null || finishedAt != null)) {
            throw new JsonCursor.Unexpected("exit fields on a " + kind + " observation");
        }
        if (kind == null) {
            throw new JsonCursor.Unexpected("an observation without a kind");
        }
        return switch (kind) {
            case "running" -> new Observation.Running(evidence);
            case "exited" -> new Observation.Exited(exitCode, finishedAt, evidence);
            case "gone" -> new Observation.Gone(evidence);
            case "not-started" -> new Observation.NotStarted(evidence);
            case "unknown" -> new Observation.Unknown(evidence);
            default -> throw new JsonCursor.Unexpected("kind " + kind);
        };
    }

    static PluginWire.Failure readFailure(JsonCursor in) {
        String code = null;
        String message = null;
        for (JsonCursor.Members members = in.object(); members.next(); ) {
            switch (members.name()) {
                case "code" -> code = in.stringOrNull();
                case "message" -> message = in.stringOrNull();
                default -> throw new JsonCursor.Unexpected("member " + members.name());
            }
        }
        return new PluginWire.Failure(code, message);
    }

    static Instant instant(String text) {
        return text == null ? null : IsoInstants.parse(text);
    }

    /** A path as Jackson reads it: plain text without a colon, else a {@code file:} URI; anything else is declined. */
    static Path path(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return Path.of(text);
        }
        if (!text.startsWith("file:")) {
            throw new JsonCursor.Unexpected("a path that is no file URI");
        }
        try {
            return Path.of(new URI(text));
        } catch (URISyntaxException e) {
            throw new JsonCursor.Unexpected("a malformed path URI");
        }
    }
}
