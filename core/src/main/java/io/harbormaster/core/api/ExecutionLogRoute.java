package io.harbormaster.core.api;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.node.ExecutionLogs;
import io.harbormaster.core.node.NodeService;
import io.harbormaster.core.store.UnknownExecutionException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an execution's output files. With {@code follow=true} it keeps tailing them until the
 * execution is terminal and the files are drained.
 */
final class ExecutionLogRoute {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionLogRoute.class);

    private final NodeService node;
    private final Semaphore streamSlots;
    private final Duration poll;

    ExecutionLogRoute(NodeService node, Semaphore streamSlots, Duration poll) {
        this.node = node;
        this.streamSlots = streamSlots;
        this.poll = poll;
    }

    void stream(ApiExchange exchange, String id) throws IOException {
        boolean follow = exchange.queryFlag("follow");
        LogStream which = exchange.query("stream").map(LogStream::fromQuery).orElse(LogStream.BOTH);
        node.get(id).orElseThrow(() -> new UnknownExecutionException(id));
        ExecutionLogs logs = node.logs(id);
        List<FileTail> tails = which.files(logs).stream().map(FileTail::new).toList();
        if (!follow) {
            OutputStream out = exchange.startStream("text/plain; charset=utf-8");
            drain(tails, out);
            return;
        }
        if (!streamSlots.tryAcquire()) {
            throw new ApiRequestException(503, "too_many_streams", "Too many followed logs and event streams; try again later");
        }
        try {
            OutputStream out = exchange.startStream("text/plain; charset=utf-8");
            follow(id, tails, out);
        } catch (IOException e) {
            LOG.debug("Log follower of {} went away: {}", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamSlots.release();
        }
    }

    private void follow(String id, List<FileTail> tails, OutputStream out) throws IOException, InterruptedException {
        while (true) {
            // read the state before draining: whatever the execution wrote before it ended is then in the files
            boolean terminal = node.get(id).map(Execution::state).map(s -> s.isTerminal()).orElse(true);
            long copied = drain(tails, out);
            if (terminal) {
                return;
            }
            if (copied == 0) {
                Thread.sleep(poll.toMillis());
            }
        }
    }

    private static long drain(List<FileTail> tails, OutputStream out) throws IOException {
        long copied = 0;
        for (FileTail tail : tails) {
            copied += tail.copyNewBytes(out);
        }
        out.flush();
        return copied;
    }
}
