package io.harbormaster.core.plugin;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.json.JsonLine;
import java.util.Map;

/**
 * Writes, in the plugin, the replies to the requests {@link CallLineReader} reads, without Jackson: a start's
 * handle, an await's heartbeats and exit, a stop's or shutdown's {@code done}, a ping's info, and errors. The text
 * is exactly what {@link PluginCodec#encode} writes for the same reply (a test holds them equal), so the node reads
 * it with the codec as before; a body of any other type is written by the codec.
 */
public final class CallLines {

    private CallLines() {
    }

    /** The result line {@code PluginWire.Result.of(id, body)}. */
    public static String result(long id, Object body) {
        if (body instanceof PluginWire.Info || body instanceof PluginWire.Welcome) {
            return HelloLines.result(id, body);
        }
        JsonLine line = new JsonLine().beginObject().member("id", id).member("type", PluginWire.RESULT);
        if (body instanceof ExecutorHandle handle) {
            line.beginObject("body").member("executorType", handle.executorType()).beginObject("attributes");
            for (Map.Entry<String, String> attribute : handle.attributes().entrySet()) {
                line.member(attribute.getKey(), attribute.getValue());
            }
            line.endObject();
        } else if (body instanceof ExitResult exit) {
            line.beginObject("body").member("exitCode", exit.exitCode()).member("finishedAt", exit.finishedAt())
                    .member("detail", exit.detail());
        } else if (body instanceof PluginWire.RecoverResult recovered) {
            HelloLines.recovered(line.beginObject("body"), recovered);
        } else if (body instanceof PluginWire.Done done) {
            line.beginObject("body").member("done", done.done());
        } else {
            return new PluginCodec().encode(PluginWire.Result.of(id, body));
        }
        return line.endObject().endObject().toString();
    }

    /** The line {@code PluginWire.Reply.event(id, event)}. */
    public static String event(long id, String event) {
        return new JsonLine().beginObject().member("id", id).member("type", PluginWire.EVENT).member("event", event)
                .endObject().toString();
    }

    /** The line {@code PluginWire.Reply.failure(id, code, message)}. */
    public static String failure(long id, String code, String message) {
        return new JsonLine().beginObject().member("id", id).member("type", PluginWire.ERROR).beginObject("error")
                .member("code", code).member("message", message).endObject().endObject().toString();
    }
}
