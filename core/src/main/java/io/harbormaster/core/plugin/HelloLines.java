package io.harbormaster.core.plugin;

import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.json.JsonLine;
import java.nio.file.Path;
import java.util.Map;

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
            line.beginObject("recovered").beginObject("observations");
            for (Map.Entry<String, Observation> entry : welcome.recovered().observations().entrySet()) {
                Observation observation = entry.getValue();
                line.beginObject(entry.getKey()).member("kind", kind(observation));
                if (observation instanceof Observation.Exited exited) {
                    line.member("exitCode", exited.exitCode()).member("finishedAt", exited.finishedAt());
                }
                line.member("evidence", observation.evidence()).endObject();
            }
            line.endObject().endObject();
        }
        if (welcome.recoverFailure() != null) {
            line.beginObject("recoverFailure").member("code", welcome.recoverFailure().code())
                    .member("message", welcome.recoverFailure().message()).endObject();
        }
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
