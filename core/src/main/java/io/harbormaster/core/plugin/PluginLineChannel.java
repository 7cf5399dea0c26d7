package io.harbormaster.core.plugin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Newline-delimited messages over one Unix socket connection, every read and write bounded by a
 * deadline. A blocking channel read cannot time out by itself, so a shared timer closes the channel
 * when the deadline passes; the blocked call then fails and reports the timeout.
 */
public final class PluginLineChannel implements AutoCloseable {

    /** A line longer than this is garbage or an attack, not a protocol message. */
    public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "plugin-io-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final SocketChannel channel;
    private final String peer;
    private final ByteBuffer in = ByteBuffer.allocate(8192);
    private final AtomicBoolean expired = new AtomicBoolean();

    public PluginLineChannel(SocketChannel channel, String peer) {
        this.channel = channel;
        this.peer = peer;
        in.flip(); // starts empty, in read mode
    }

    /** Connects to a plugin's socket, giving up after {@code timeout}. */
    public static PluginLineChannel connect(Path socket, Duration timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new PluginUnreachableException("cannot open a Unix socket: " + e.getMessage(), e);
        }
        PluginLineChannel line = new PluginLineChannel(channel, "plugin socket " + socket);
        ScheduledFuture<?> watchdog = line.arm(timeout);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return line;
        } catch (IOException e) {
            line.close();
            throw line.failure("accept the connection", timeout, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** The next line without its newline, or null when the other side closed the connection. */
    public String readLine(Duration timeout) {
        ScheduledFuture<?> watchdog = arm(timeout);
        try {
            ByteArrayOutputStream line = null; // only for a line longer than one buffer
            while (true) {
                // scan the buffer's array for the newline and copy whole runs: a byte at a time through a stream was
                // most of a short-lived plugin's read, run interpreted
                byte[] bytes = in.array();
                int start = in.position();
                int end = in.limit();
                int newline = start;
                while (newline < end && bytes[newline] != '\n') {
                    newline++;
                }
                int length = newline - start;
                if ((line == null ? 0 : line.size()) + length > MAX_LINE_BYTES) {
                    throw new PluginProtocolException("a message from " + peer + " longer than "
                            + MAX_LINE_BYTES + " bytes");
                }
                if (newline < end) {
                    in.position(newline + 1);
                    if (line == null) {
                        return new String(bytes, start, length, StandardCharsets.UTF_8);
                    }
                    line.write(bytes, start, length);
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(2 * in.capacity(), length));
                }
                line.write(bytes, start, length);
                in.clear();
                int read = channel.read(in);
                in.flip();
                if (read < 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw failure("answer", timeout, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    public void writeLine(String line, Duration timeout) {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        ScheduledFuture<?> watchdog = arm(timeout);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw failure("take our message", timeout, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket we are done with: nothing left to save
        }
    }

    private ScheduledFuture<?> arm(Duration timeout) {
        return DEADLINES.schedule(() -> {
            expired.set(true);
            close();
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private PluginUnreachableException failure(String expected, Duration timeout, IOException e) {
        if (expired.get() && e instanceof ClosedChannelException) {
            return new PluginUnreachableException(peer + " did not " + expected + " within " + timeout.toMillis()
                    + " ms", e);
        }
        return new PluginUnreachableException(peer + " did not " + expected + ": " + e, e);
    }
}
