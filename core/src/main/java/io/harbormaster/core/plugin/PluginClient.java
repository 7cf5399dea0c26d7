package io.harbormaster.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls one plugin. Every call opens its own connection and says hello with the token first, so a
 * long-polling {@code await} never holds up a {@code ping}, and a broken connection touches one call.
 */
public final class PluginClient {

    private static final long HELLO_ID = 1;
    private static final long CALL_ID = 2;

    private final Path socket;
    private final String token;
    private final Duration timeout;
    private final int appVersion;
    private final PluginCodec codec = new PluginCodec();

    /** @param timeout the longest wait for any single step: connect, hello, or the answer to a call */
    public PluginClient(Path socket, String token, Duration timeout) {
        this(socket, token, timeout, PluginHandshake.APP_PROTOCOL_VERSION);
    }

    /**
     * @param appVersion the app protocol the plugin said it speaks in its handshake (persisted in its reattach
     *                   config): a plugin started before a node upgrade is spoken to in its own protocol
     */
    public PluginClient(Path socket, String token, Duration timeout, int appVersion) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.token = Objects.requireNonNull(token, "token");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // a version this node does not speak is sent as it is: the plugin refuses it, and callers check first
        this.appVersion = appVersion;
    }

    public Duration timeout() {
        return timeout;
    }

    public PluginWire.Info ping() {
        return call(PluginOp.PING, null, PluginWire.Info.class);
    }

    /**
     * Who the plugin is and what it still has of {@code refs}, on one connection: the hello's answer already says
     * who the plugin is, so a reattach needs no separate ping, and the recover follows on the same connection.
     * A node restart reattaches to every plugin at once; a connection and an authentication each fewer is half the
     * wake-ups of both processes.
     *
     * @return the plugin's info, and its observations unless it could not give them (then the caller asks apart)
     * @throws PluginUnreachableException if the connection or the hello failed: nothing is known of the plugin
     */
    public Reattached reattach(List<ExecutionRef> refs) {
        try (PluginLineChannel channel = PluginLineChannel.connect(socket, timeout)) {
            if (!refs.isEmpty() && appVersion >= PluginHandshake.HELLO_RECOVERS_SINCE) {
                // one round trip: the hello carries the recover and its answer carries both
                PluginWire.Welcome welcome = welcome(channel, PluginWire.RecoverCall.sent(refs, appVersion));
                if (welcome.info() == null) {
                    throw new PluginProtocolException("a welcome without the plugin's info");
                }
                return new Reattached(welcome.info(), Optional.ofNullable(welcome.recovered())
                        .map(PluginWire.RecoverResult::observations));
            }
            PluginWire.Info info = codec.body(hello(channel), PluginWire.Info.class);
            if (refs.isEmpty()) {
                return new Reattached(info, Optional.empty());
            }
            try {
                channel.writeLine(codec.encode(new PluginWire.Call(CALL_ID, PluginOp.RECOVER.wireName(),
                        PluginWire.RecoverCall.sent(refs, appVersion))), timeout);
                PluginWire.RecoverResult result = codec.body(resultBody(expectReply(channel, CALL_ID)),
                        PluginWire.RecoverResult.class);
                return new Reattached(info, Optional.of(result.observations()));
            } catch (PluginException e) {
                // it proved who it is; what it has is asked again apart, where a failure becomes evidence
                return new Reattached(info, Optional.empty());
            }
        }
    }

    /** One {@code recover} call for {@code refs}, sent the way this plugin's protocol allows. */
    public PluginWire.RecoverResult recover(List<ExecutionRef> refs) {
        return call(PluginOp.RECOVER, PluginWire.RecoverCall.sent(refs, appVersion), PluginWire.RecoverResult.class);
    }

    /** What {@link #reattach} learned: who the plugin is, and what it has of the executions asked about. */
    public record Reattached(PluginWire.Info info, Optional<Map<String, Observation>> observations) {
    }

    /**
     * One call, answered within the timeout.
     *
     * @throws PluginUnreachableException the socket refused us or the plugin did not answer in time
     * @throws PluginProtocolException    the plugin answered garbage or speaks another version
     * @throws PluginRefusedException     the plugin answered with an error
     */
    public <T> T call(PluginOp op, Object body, Class<T> resultType) {
        try (PluginLineChannel channel = PluginLineChannel.connect(socket, timeout)) {
            hello(channel);
            channel.writeLine(codec.encode(new PluginWire.Call(CALL_ID, op.wireName(), body)), timeout);
            // heartbeats (await) restart the deadline: a long execution is not a hung plugin
            while (true) {
                PluginWire.Reply reply = expectReply(channel, CALL_ID);
                if (!PluginWire.EVENT.equals(reply.type())) {
                    return codec.body(resultBody(reply), resultType);
                }
            }
        }
    }

    /**
     * Says hello with {@code recover} and reads the welcome. Both lines are written and read by hand
     * ({@link HelloLines}, {@link HelloLineReader}); an answer in any other shape (an error, a field added later) goes through the codec.
     */
    private PluginWire.Welcome welcome(PluginLineChannel channel, PluginWire.RecoverCall recover) {
        PluginWire.Hello hello = new PluginWire.Hello(token, PluginHandshake.CORE_PROTOCOL_VERSION, appVersion,
                recover);
        channel.writeLine(HelloLines.hello(HELLO_ID, hello), timeout);
        String line = readLine(channel);
        Optional<PluginWire.Welcome> common = HelloLineReader.welcome(line, HELLO_ID);
        if (common.isPresent()) {
            return common.get();
        }
        return codec.body(resultBody(reply(line, HELLO_ID)), PluginWire.Welcome.class);
    }

    /** @return the hello's answer: the plugin's info */
    private JsonNode hello(PluginLineChannel channel) {
        PluginWire.Hello hello = new PluginWire.Hello(token, PluginHandshake.CORE_PROTOCOL_VERSION, appVersion);
        channel.writeLine(HelloLines.hello(HELLO_ID, hello), timeout);
        return resultBody(expectReply(channel, HELLO_ID));
    }

    private PluginWire.Reply expectReply(PluginLineChannel channel, long id) {
        return reply(readLine(channel), id);
    }

    private String readLine(PluginLineChannel channel) {
        String line = channel.readLine(timeout);
        if (line == null) {
            throw new PluginUnreachableException("the plugin on " + socket + " closed the connection without an answer");
        }
        return line;
    }

    private PluginWire.Reply reply(String line, long id) {
        PluginWire.Reply reply = codec.readReply(line);
        if (reply.id() != id) {
            throw new PluginProtocolException("the plugin answered message " + reply.id() + " where " + id + " was due");
        }
        return reply;
    }

    private JsonNode resultBody(PluginWire.Reply reply) {
        if (PluginWire.RESULT.equals(reply.type())) {
            return reply.body();
        }
        if (PluginWire.ERROR.equals(reply.type()) && reply.error() != null) {
            if (PluginWire.VERSION_MISMATCH.equals(reply.error().code())) {
                throw new PluginProtocolException(reply.error().message());
            }
            throw new PluginRefusedException(reply.error().code(), reply.error().message());
        }
        throw new PluginProtocolException("a reply of unknown type " + reply.type());
    }
}
