package io.harbormaster.executors.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbormaster.core.executor.ExecutionRef;
import io.harbormaster.core.executor.ExecutorException;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.executor.StartRequest;
import io.harbormaster.core.plugin.CallLineReader;
import io.harbormaster.core.plugin.CallLines;
import io.harbormaster.core.plugin.HelloLineReader;
import io.harbormaster.core.plugin.HelloLines;
import io.harbormaster.core.plugin.PluginCodec;
import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLineChannel;
import io.harbormaster.core.plugin.PluginOp;
import io.harbormaster.core.plugin.PluginProtocolException;
import io.harbormaster.core.plugin.PluginWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a {@code hello} with the right token first, then requests answered in order.
 * Anything else first, a wrong token or garbage gets one error reply and the connection is closed;
 * the plugin keeps serving everyone else.
 */
final class PluginSession implements Runnable {

    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Well under any sane client timeout, so a long execution never looks like a hung plugin. */
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(PluginSession.class);

    private final PluginLineChannel channel;
    private final byte[] token;
    private final PluginOperations operations;
    private final ShutdownListener shutdown;
    private final PluginCodec codec = new PluginCodec();

    /** Told once a {@code shutdown} was answered, so the reply reaches the client before we exit. */
    interface ShutdownListener {
        void shutdownRequested(PluginWire.ShutdownCall call);
    }

    PluginSession(PluginLineChannel channel, String token, PluginOperations operations, ShutdownListener shutdown) {
        this.channel = channel;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.operations = operations;
        this.shutdown = shutdown;
    }

    @Override
    public void run() {
        try (channel) {
            if (!hello()) {
                return;
            }
            String line;
            while ((line = channel.readLine(IDLE_TIMEOUT)) != null) {
                if (!serve(line)) {
                    return;
                }
            }
        } catch (PluginException e) {
            LOG.debug("Connection ended: {}", e.getMessage());
        }
    }

    private boolean hello() {
        String line = channel.readLine(HELLO_TIMEOUT);
        if (line == null) {
            return false;
        }
        PluginWire.HelloRequest typed = typedHello(line);
        if (typed != null) {
            return welcome(typed.id(), typed.body());
        }
        // not a well-formed hello: the tree says what is wrong with it
        PluginWire.Request request;
        try {
            request = codec.readRequest(line);
        } catch (PluginProtocolException e) {
            return refuse(0, PluginWire.MALFORMED, e.getMessage());
        }
        if (!PluginOp.HELLO.wireName().equals(request.op())) {
            return refuse(request.id(), PluginWire.UNAUTHORIZED, "the first message must be hello with the token");
        }
        PluginWire.Hello hello;
        try {
            hello = codec.body(request.body(), PluginWire.Hello.class);
        } catch (PluginProtocolException e) {
            return refuse(request.id(), PluginWire.MALFORMED, e.getMessage());
        }
        return welcome(request.id(), hello);
    }

    /**
     * The first line read straight into a hello, or null when it is not one (then it is refused as it deserves). The
     * usual hello is read by hand ({@link HelloLineReader}); Jackson reads whatever that declines.
     */
    private PluginWire.HelloRequest typedHello(String line) {
        Optional<PluginWire.HelloRequest> common = HelloLineReader.hello(line);
        if (common.isPresent()) {
            return common.get();
        }
        try {
            PluginWire.HelloRequest request = codec.decode(line, PluginWire.HelloRequest.class);
            return PluginOp.HELLO.wireName().equals(request.op()) && request.body() != null ? request : null;
        } catch (PluginProtocolException notAHello) {
            return null;
        }
    }

    /** Checks the hello's token and versions and answers it; false when the connection must close. */
    private boolean welcome(long id, PluginWire.Hello hello) {
        if (hello.token() == null || !MessageDigest.isEqual(token, hello.token().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("Refused a client with a wrong or missing token");
            return refuse(id, PluginWire.UNAUTHORIZED, "wrong or missing token");
        }
        if (hello.coreVersion() != PluginHandshake.CORE_PROTOCOL_VERSION || !PluginHandshake.speaks(hello.appVersion())) {
            return refuse(id, PluginWire.VERSION_MISMATCH, "the client speaks protocol "
                    + hello.coreVersion() + "/" + hello.appVersion() + ", this plugin "
                    + PluginHandshake.CORE_PROTOCOL_VERSION + "/" + PluginHandshake.spoken());
        }
        // the answer every reattach waits for, written by hand as it was read
        if (hello.recover() != null && hello.appVersion() >= PluginHandshake.HELLO_RECOVERS_SINCE) {
            channel.writeLine(HelloLines.result(id, welcome(hello.recover())), WRITE_TIMEOUT);
        } else {
            channel.writeLine(HelloLines.result(id, operations.info()), WRITE_TIMEOUT);
        }
        return true;
    }

    /** A reattach in one round trip: what the plugin has, then who it is (its execution count is after the recover). */
    private PluginWire.Welcome welcome(PluginWire.RecoverCall call) {
        try {
            PluginWire.RecoverResult recovered = operations.recover(call);
            return new PluginWire.Welcome(operations.info(), recovered, null);
        } catch (ExecutorException e) {
            LOG.warn("recover on hello failed: {}", e.getMessage());
            return new PluginWire.Welcome(operations.info(), null,
                    new PluginWire.Failure(PluginWire.EXECUTOR_FAILED, e.getMessage()));
        }
    }

    /**
     * Answers one request; false when the connection must close. The requests a dedicated plugin lives on are read
     * by hand ({@link CallLineReader}); the codec reads the rest, and says what is wrong with a bad line.
     */
    private boolean serve(String line) {
        Optional<PluginWire.Call> typed = CallLineReader.call(line);
        if (typed.isPresent()) {
            return serve(typed.get().id(), PluginOp.fromWire(typed.get().op()).orElseThrow(), typed.get().body());
        }
        PluginWire.Request request;
        try {
            request = codec.readRequest(line);
        } catch (PluginProtocolException e) {
            return refuse(0, PluginWire.MALFORMED, e.getMessage());
        }
        Optional<PluginOp> op = PluginOp.fromWire(request.op());
        if (op.isEmpty() || op.get() == PluginOp.HELLO) {
            return refuse(request.id(), PluginWire.UNKNOWN_OP, "no operation " + request.op());
        }
        Object body;
        try {
            body = body(op.get(), request.body());
        } catch (PluginProtocolException e) {
            return refuse(request.id(), PluginWire.MALFORMED, e.getMessage());
        }
        return serve(request.id(), op.get(), body);
    }

    /** The body {@code op} takes, read from its tree by the codec. */
    private Object body(PluginOp op, JsonNode body) {
        return switch (op) {
            case START -> codec.body(body, StartRequest.class);
            case RECOVER -> codec.body(body, PluginWire.RecoverCall.class);
            case AWAIT -> codec.body(body, ExecutionRef.class);
            case STOP -> codec.body(body, PluginWire.StopCall.class);
            case SHUTDOWN -> codec.body(body, PluginWire.ShutdownCall.class);
            case PING, OWNED -> null;
            case HELLO -> throw new IllegalStateException("hello is answered before dispatch");
        };
    }

    private boolean serve(long id, PluginOp op, Object body) {
        try {
            dispatch(id, op, body);
            return true;
        } catch (PluginProtocolException e) {
            return refuse(id, PluginWire.MALFORMED, e.getMessage());
        } catch (ExecutorException | IOException e) {
            LOG.warn("{} failed: {}", op.wireName(), e.getMessage());
            channel.writeLine(CallLines.failure(id, PluginWire.EXECUTOR_FAILED, e.getMessage()), WRITE_TIMEOUT);
            return true;
        }
    }

    private void dispatch(long id, PluginOp op, Object body) throws IOException {
        switch (op) {
            case PING -> result(id, operations.info());
            case START -> result(id, operations.start((StartRequest) body));
            case RECOVER -> result(id, operations.recover((PluginWire.RecoverCall) body));
            case AWAIT -> await(id, (ExecutionRef) body);
            case STOP -> {
                operations.stop((PluginWire.StopCall) body);
                result(id, PluginWire.Done.INSTANCE);
            }
            case OWNED -> result(id, operations.owned());
            case SHUTDOWN -> {
                PluginWire.ShutdownCall call = (PluginWire.ShutdownCall) body;
                result(id, PluginWire.Done.INSTANCE);
                shutdown.shutdownRequested(call);
            }
            case HELLO -> throw new IllegalStateException("hello is answered before dispatch");
        }
    }

    private void await(long id, ExecutionRef ref) {
        CompletableFuture<ExitResult> exit = operations.await(ref);
        try {
            while (true) {
                try {
                    result(id, exit.get(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS));
                    return;
                } catch (TimeoutException stillRunning) {
                    channel.writeLine(CallLines.event(id, PluginWire.HEARTBEAT), WRITE_TIMEOUT);
                }
            }
        } catch (ExecutionException e) {
            throw new ExecutorException("await failed: " + e.getCause().getMessage(), true, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorException("the plugin is shutting down", true, e);
        } finally {
            exit.cancel(false); // the client went away: stop polling for it
        }
    }

    /** A result, written by hand for the bodies a dedicated plugin answers with, by the codec otherwise. */
    private void result(long id, Object body) {
        channel.writeLine(CallLines.result(id, body), WRITE_TIMEOUT);
    }

    private boolean refuse(long id, String code, String message) {
        channel.writeLine(CallLines.failure(id, code, message), WRITE_TIMEOUT);
        return false;
    }
}
