package io.harbormaster.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import io.harbormaster.core.executor.OwnedResource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The messages of the plugin protocol: one JSON object per line over the plugin's Unix socket.
 *
 * <pre>
 * client: {"id":1,"op":"hello","body":{"token":"..","coreVersion":1,"appVersion":2}}
 * plugin: {"id":1,"type":"result","body":{"pid":4242,...}}
 * client: {"id":1,"op":"hello","body":{"token":"..",...,"recover":{"refs":[..]}}}   (app protocol 2: a reattach)
 * plugin: {"id":1,"type":"result","body":{"info":{"pid":4242,...},"recovered":{"observations":{..}}}}
 * client: {"id":2,"op":"await","body":{"executionId":"e-1",...}}
 * plugin: {"id":2,"type":"event","event":"heartbeat"}            (every few seconds)
 * plugin: {"id":2,"type":"result","body":{"exitCode":0,...}}
 * plugin: {"id":3,"type":"error","error":{"code":"unauthorized","message":".."}}
 * </pre>
 *
 * Bodies are the executor SPI's own records; an {@link Observation} carries an explicit {@code kind}.
 */
public final class PluginWire {

    public static final String RESULT = "result";
    public static final String ERROR = "error";
    public static final String EVENT = "event";
    public static final String HEARTBEAT = "heartbeat";

    /** Error codes a plugin answers with; the client maps them to exceptions. */
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String VERSION_MISMATCH = "version-mismatch";
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_OP = "unknown-op";
    public static final String EXECUTOR_FAILED = "executor-failed";

    private PluginWire() {
    }

    public record Request(long id, String op, JsonNode body) {
    }

    /** {@code type} is {@link #RESULT}, {@link #ERROR} or {@link #EVENT}; the other fields follow it. */
    public record Reply(long id, String type, String event, JsonNode body, Failure error) {

        public static Reply result(long id, JsonNode body) {
            return new Reply(id, RESULT, null, body, null);
        }

        public static Reply failure(long id, String code, String message) {
            return new Reply(id, ERROR, null, null, new Failure(code, message));
        }

        public static Reply event(long id, String event) {
            return new Reply(id, EVENT, event, null, null);
        }
    }

    public record Failure(String code, String message) {
    }

    /**
     * A result as it is written: the same line as a {@link Reply} of type {@link #RESULT}, but the body is encoded
     * straight from its record instead of through a JSON tree first, one pass instead of two.
     */
    public record Result(long id, String type, Object body) {

        public static Result of(long id, Object body) {
            return new Result(id, RESULT, body);
        }
    }

    /** A request as it is written: the body encoded straight from its record, as in {@link Result}. */
    public record Call(long id, String op, Object body) {
    }

    /** A hello read straight into its record, without a JSON tree between; the first line of every connection. */
    public record HelloRequest(long id, String op, Hello body) {
    }

    /**
     * The first message of every connection. From app protocol {@value PluginHandshake#HELLO_RECOVERS_SINCE} on it
     * may carry a {@code recover}, answered with a {@link Welcome}; it is never sent to an older plugin, which would
     * refuse the unknown field.
     */
    public record Hello(String token, int coreVersion, int appVersion, RecoverCall recover) {

        public Hello(String token, int coreVersion, int appVersion) {
            this(token, coreVersion, appVersion, null);
        }

        /** Redacted: a token must never reach a log line through a careless toString. */
        @Override
        public String toString() {
            return "Hello[coreVersion=" + coreVersion + ", appVersion=" + appVersion
                    + (recover == null ? "" : ", recover=" + recover.refs().size() + " refs") + "]";
        }
    }

    /**
     * The answer to a hello that carried a recover: who the plugin is and what it has; {@code recoverFailure}
     * instead of {@code recovered} when its executor could not say.
     */
    public record Welcome(Info info, RecoverResult recovered, Failure recoverFailure) {
    }

    /** What {@code hello} and {@code ping} answer: who the plugin is and how busy. */
    public record Info(long pid, Instant startedAt, String name, String executorType, int coreVersion,
            int appVersion, int executions) {
    }

    /**
     * @param executionsRoot from app protocol 2 on: a ref without files has the usual files of its execution
     *                       under this dir ({@link ExecutionFiles#under}), so a recover of a thousand executions does
     *                       not carry four thousand paths; never sent to an older plugin, which would refuse the field
     */
    public record RecoverCall(List<ExecutionRef> refs, Path executionsRoot) {

        public RecoverCall {
            refs = List.copyOf(refs);
        }

        public RecoverCall(List<ExecutionRef> refs) {
            this(refs, null);
        }

        /**
         * The call as the node sends it to a plugin of {@code appVersion}: without each ref's reattach config, which
         * only names the plugin being asked (no executor reads it) and, from app protocol 2 on, without the files
         * of refs whose files lie in the usual place under one executions dir.
         */
        public static RecoverCall sent(List<ExecutionRef> refs, int appVersion) {
            Path root = appVersion >= PluginHandshake.HELLO_RECOVERS_SINCE ? commonRoot(refs) : null;
            return new RecoverCall(refs.stream()
                    .map(ref -> new ExecutionRef(ref.executionId(), ref.handle(), null,
                            root != null && ExecutionFiles.under(root, ref.executionId()).equals(ref.files())
                                    ? null : ref.files()))
                    .toList(), root);
        }

        /**
         * The refs as the executor must see them: every ref with its files. A plain loop: a plugin runs this once per
         * reattach, and a stream's first use there loaded a dozen classes and spun a lambda, cold, in every plugin.
         */
        public List<ExecutionRef> expandedRefs() {
            if (executionsRoot == null) {
                return refs;
            }
            List<ExecutionRef> expanded = new ArrayList<>(refs.size());
            for (ExecutionRef ref : refs) {
                expanded.add(ref.files() != null ? ref : new ExecutionRef(ref.executionId(), ref.handle(),
                        ref.reattach(), ExecutionFiles.under(executionsRoot, ref.executionId())));
            }
            return Collections.unmodifiableList(expanded);
        }

        /** The executions dir of the first ref, when its files lie in the usual place there. */
        private static Path commonRoot(List<ExecutionRef> refs) {
            if (refs.isEmpty() || refs.get(0).files() == null || refs.get(0).files().dir().getParent() == null) {
                return null;
            }
            ExecutionRef first = refs.get(0);
            Path root = first.files().dir().getParent();
            return ExecutionFiles.under(root, first.executionId()).equals(first.files()) ? root : null;
        }
    }

    public record RecoverResult(Map<String, Observation> observations) {

        public RecoverResult {
            observations = Map.copyOf(observations);
        }
    }

    public record StopCall(ExecutionRef ref, Duration grace) {
    }

    public record OwnedResult(List<OwnedResource> resources) {

        public OwnedResult {
            resources = List.copyOf(resources);
        }
    }

    /** {@code stopExecutions}: stop everything the plugin runs before exiting (a reset); else detach. */
    public record ShutdownCall(boolean stopExecutions, Duration grace) {
    }

    /** The body of a call that answers nothing but success. */
    public record Done(boolean done) {

        public static final Done INSTANCE = new Done(true);
    }
}
