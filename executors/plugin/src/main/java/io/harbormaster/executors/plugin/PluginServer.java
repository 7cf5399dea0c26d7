package io.harbormaster.executors.plugin;

import io.harbormaster.core.plugin.PluginException;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginLineChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plugin's Unix socket: accepts connections and serves each on its own thread until closed. */
final class PluginServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final ServerSocketChannel server;
    private final Path socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService sessions = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "plugin-session-" + connections.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private PluginServer(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /**
     * Binds {@code socket} and makes it 0600. A socket file left by a dead plugin is removed first; one that
     * still answers belongs to a live plugin and is never taken over.
     */
    static PluginServer bind(Path socket) throws IOException {
        if (Files.exists(socket)) {
            try {
                PluginLineChannel.connect(socket, PROBE_TIMEOUT).close();
            } catch (PluginException stale) {
                LOG.info("Removing stale socket {} ({})", socket, stale.getMessage());
                Files.delete(socket);
            }
            if (Files.exists(socket)) {
                throw new IOException("another process serves " + socket + "; refusing to take it over");
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // the runtime dir is 0700 already, so the moment between bind and chmod exposes nothing
        Files.setPosixFilePermissions(socket, PluginFiles.OWNER_ONLY_FILE);
        return new PluginServer(server, socket);
    }

    /** Connections being served right now. */
    int openConnections() {
        return open.get();
    }

    /** Accepts until {@link #close()}; each connection is served by the session {@code sessionFor} makes. */
    void serve(Function<PluginLineChannel, Runnable> sessionFor) {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("Accept failed on {}: {}", socket, e.getMessage());
                continue;
            }
            Runnable session = sessionFor.apply(new PluginLineChannel(client, "client of " + socket));
            open.incrementAndGet();
            sessions.execute(() -> {
                try {
                    session.run();
                } finally {
                    open.decrementAndGet();
                }
            });
        }
    }

    /** Idempotent and synchronized: the main thread's call waits until a shutdown session's call removed the socket. */
    @Override
    public synchronized void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not remove socket {}: {}", socket, e.getMessage());
        }
        sessions.shutdownNow();
    }
}
