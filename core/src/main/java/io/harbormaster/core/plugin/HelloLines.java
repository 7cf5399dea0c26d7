package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.json.JsonLine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reattach's two lines written without Jackson: the hello (with its recover) and the plugin's answer to it.
 * Every dedicated plugin serves one of each per node restart and little else, so it runs them interpreted;
 * Jackson's general path (reflection on records, polymorphic observations, the JDK's date formatter) cost it about
 * as much as the recover itself. The text is exactly what {@link PluginCodec} writes (a test holds them equal), so
 * either side may read it either way; {@link HelloLineReader} reads it back.
 */
public final class HelloLines {

    private HelloLines() {
    }

    /** The hello as {@link PluginCodec#encode} writes {@code new Call(id, "hello", hello)}. */
    public static String hello(long id, PluginWire.Hello hello) {
        JsonLine line = new JsonLine().beginObject().member("id", id).member("op", PluginOp.HELLO.wireName())
                .beginObject("body").member("token", hello.token()).member("coreVersion", hello.coreVersion())
                .member("appVersion", hello.appVersion());
        PluginWire.RecoverCall recover = hello.recover();
        if (recover != null) {
            line.beginObject("recover").beginArray("refs");
            for (ExecutionRef ref : recover.refs()) {
                if (ref.reattach() != null) {
                    // never sent to a plugin (RecoverCall.sent drops it); the reference codec writes what it is
                    return new PluginCodec().encode(new PluginWire.Call(id, PluginOp.HELLO.wireName(), hello));
                }
                ref(line, ref);
            }
            line.endArray().member("executionsRoot", uri(recover.executionsRoot())).endObject();
        }
        return line.endObject().endObject().toString();
    }

    /** The result line answering a hello with {@code body}: a {@link PluginWire.Welcome} or an {@link PluginWire.Info}. */
    public static String result(long id, Object body) {
        JsonLine line = new JsonLine().beginObject().member("id", id).member("type", PluginWire.RESULT);
        if (body instanceof PluginWire.Info info) {
            info(line.beginObject("body"), info);
        } else if (body instanceof PluginWire.Welcome welcome) {
            welcome(line.beginObject("body"), welcome);
        } else {
            return new PluginCodec().encode(PluginWire.Result.of(id, body));
        }
        return line.endObject().endObject().toString();
    }

    /**
     * One reattach in memory, both sides of it: a hello with a recover written and read, and a welcome with each
     * kind of observation written and read. A plugin runs it at start and a node before it first asks its plugins:
     * the reattach a node restart asks of every plugin at once then finds the classes loaded and the code run once,
     * instead of loading them and running it cold, in every plugin at the same moment. True when every line read
     * back by hand; a failure is only reported, since the reattach itself says what is wrong with a line.
     */
    public static boolean prime(PluginWire.Info info) {
        try {
            ExecutionRef ref = new ExecutionRef("prime", ExecutorHandle.of(info.executorType(), Map.of("prime", "1")),
                    null, ExecutionFiles.under(Path.of("/prime"), "prime"));
            PluginWire.Hello hello = new PluginWire.Hello("prime", PluginHandshake.CORE_PROTOCOL_VERSION,
                    PluginHandshake.APP_PROTOCOL_VERSION,
                    PluginWire.RecoverCall.sent(List.of(ref), PluginHandshake.APP_PROTOCOL_VERSION));
            Optional<PluginWire.HelloRequest> read = HelloLineReader.hello(hello(1, hello));
            if (read.isEmpty() || read.get().body().recover() == null) {
                return false;
            }
            Map<String, Observation> observations = new LinkedHashMap<>();
            observations.put(read.get().body().recover().expandedRefs().get(0).executionId(),
                    new Observation.Exited(0, info.startedAt(), "prime"));
            observations.put("running", new Observation.Running("prime"));
            observations.put("gone", new Observation.Gone("prime"));
            PluginWire.Welcome welcome = new PluginWire.Welcome(info, new PluginWire.RecoverResult(observations), null);
            return HelloLineReader.welcome(result(1, welcome), 1).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void ref(JsonLine line, ExecutionRef ref) {
        line.beginObject().member("executionId", ref.executionId());
        if (ref.handle() != null) {
            line.beginObject("handle").member("executorType", ref.handle().executorType()).beginObject("attributes");
            for (Map.Entry<String, String> attribute : ref.handle().attributes().entrySet()) {
                line.member(attribute.getKey(), attribute.getValue());
            }
            line.endObject().endObject();
        }
        ExecutionFiles files = ref.files();
        if (files != null) {
            line.beginObject("files").member("dir", uri(files.dir())).member("stdout", uri(files.stdout()))
                    .member("stderr", uri(files.stderr())).member("exit", uri(files.exit())).endObject();
        }
        line.endObject();
    }

    private static void info(JsonLine line, PluginWire.Info info) {
        line.member("pid", info.pid()).member("startedAt", info.startedAt()).member("name", info.name())
                .member("executorType", info.executorType()).member("coreVersion", info.coreVersion())
                .member("appVersion", info.appVersion()).member("executions", info.executions());
    }

    private static void welcome(JsonLine line, PluginWire.Welcome welcome) {
        if (welcome.info() != null) {
            info(line.beginObject("info"), welcome.info());
            line.endObject();
        }
        if (welcome.recovered() != null) {
            recovered(line.beginObject("recovered"), welcome.recovered());
            line.endObject();
        }
        if (welcome.recoverFailure() != null) {
            line.beginObject("recoverFailure").member("code", welcome.recoverFailure().code())
                    .member("message", welcome.recoverFailure().message()).endObject();
        }
    }

    /** The members of a recover's result: its observations, each with its kind. */
    static void recovered(JsonLine line, PluginWire.RecoverResult recovered) {
        line.beginObject("observations");
        for (Map.Entry<String, Observation> entry : recovered.observations().entrySet()) {
            Observation observation = entry.getValue();
            line.beginObject(entry.getKey()).member("kind", kind(observation));
            if (observation instanceof Observation.Exited exited) {
                line.member("exitCode", exited.exitCode()).member("finishedAt", exited.finishedAt());
            }
            line.member("evidence", observation.evidence()).endObject();
        }
        line.endObject();
    }

    /** The names {@code PluginCodec} gives each kind on the wire. */
    private static String kind(Observation observation) {
        if (observation instanceof Observation.Running) {
            return "running";
        } else if (observation instanceof Observation.Exited) {
            return "exited";
        } else if (observation instanceof Observation.Gone) {
            return "gone";
        } else if (observation instanceof Observation.NotStarted) {
            return "not-started";
        }
        return "unknown";
    }

    /** A path as Jackson writes it: its URI. */
    private static String uri(Path path) {
        return path == null ? null : path.toUri().toString();
    }
}
