package io.harbormaster.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.node.DataDirectory;
import io.harbormaster.core.node.NodeService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API on 127.0.0.1. Callers prove they are this user by sending the token the
 * server writes to {@code api.token} (mode 0600); {@code api.json} tells them the port.
 *
 * <pre>
 * try (ApiServer api = ApiServer.start(node, dataDir)) { ... }   // close() removes api.json and api.token
 * </pre>
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int QUEUED_REQUESTS = 256;
    static final String LOOPBACK = "127.0.0.1";

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final DataDirectory dataDir;
    private final ApiEndpoint endpoint;
    private boolean closed;

    private ApiServer(HttpServer server, ThreadPoolExecutor executor, DataDirectory dataDir, ApiEndpoint endpoint) {
        this.server = server;
        this.executor = executor;
        this.dataDir = dataDir;
        this.endpoint = endpoint;
    }

    public static ApiServer start(NodeService node, DataDirectory dataDir) {
        return start(node, dataDir, ApiServerConfig.defaults());
    }

    /**
     * Binds the loopback address, writes api.token then api.json, and serves.
     *
     * @throws HarbormasterException if the port is taken or the data dir cannot be written
     */
    public static ApiServer start(NodeService node, DataDirectory dataDir, ApiServerConfig config) {
        String nodeId = node.info().nodeId();
        ThreadPoolExecutor executor = newExecutor(config.threads());
        HttpServer server = null;
        try {
            Files.createDirectories(dataDir.root());
            // the literal, not getLoopbackAddress(): that may be ::1, and clients dial 127.0.0.1
            server = HttpServer.create(new InetSocketAddress(LOOPBACK, config.port()), 0);
            ApiToken token = ApiToken.generate();
            register(server, node, token, config);
            server.setExecutor(executor);
            token.writeTo(dataDir.apiTokenFile());
            server.start();
            ApiEndpoint endpoint = new ApiEndpoint(server.getAddress().getPort(), ProcessHandle.current().pid(),
                    nodeId, Instant.now());
            endpoint.write(dataDir.apiEndpointFile());
            LOG.info("API listening on 127.0.0.1:{}", endpoint.port());
            return new ApiServer(server, executor, dataDir, endpoint);
        } catch (IOException e) {
            if (server != null) {
                server.stop(0);
            }
            executor.shutdownNow();
            throw new HarbormasterException("Cannot start the API on 127.0.0.1:" + config.port() + ": " + e.getMessage(),
                    "API start failed in " + dataDir.root(), e);
        }
    }

    private static void register(HttpServer server, NodeService node, ApiToken token, ApiServerConfig config) {
        ObjectMapper json = ApiJson.jsonMapper();
        long maxBody = config.maxBodyBytes();
        Semaphore streamSlots = new Semaphore(config.maxStreams());
        BearerTokenFilter auth = new BearerTokenFilter(token, json);
        ExecutionLogRoute logs = new ExecutionLogRoute(node, streamSlots, config.logPoll());
        HttpHandler[] handlers = {
            new JobRoutes(node, json, maxBody),
            new ExecutionRoutes(node, logs, json, maxBody),
            new NodeRoutes(node, json, maxBody),
            new EventRoutes(node, streamSlots, config.heartbeat(), json, maxBody),
            new RecoveryRoutes(node, json, maxBody),
            new ResetRoutes(node, json, maxBody),
            new UnknownRoute(json, maxBody),
        };
        String[] paths = {JobRoutes.PATH, ExecutionRoutes.PATH, NodeRoutes.PATH, EventRoutes.PATH, RecoveryRoutes.PATH,
            ResetRoutes.PATH, "/"};
        for (int i = 0; i < paths.length; i++) {
            HttpContext context = server.createContext(paths[i], handlers[i]);
            context.getFilters().add(auth);
        }
    }

    /** Bounded: streams hold a thread each, and the stream limit keeps some free for plain requests. */
    private static ThreadPoolExecutor newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "harbormaster-api-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), factory,
                (runnable, pool) -> LOG.warn("API overloaded ({} requests queued); dropping a connection", QUEUED_REQUESTS));
    }

    public int port() {
        return endpoint.port();
    }

    public ApiEndpoint endpoint() {
        return endpoint;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops serving, ends open streams, and removes api.json and api.token. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // streams wait for events or output; interrupting them lets stop() return at once
        executor.shutdownNow();
        server.stop(0);
        awaitTermination(executor);
        try {
            Files.deleteIfExists(dataDir.apiEndpointFile());
            Files.deleteIfExists(dataDir.apiTokenFile());
        } catch (IOException e) {
            LOG.warn("Could not remove the API files in {}: {}", dataDir.root(), e.getMessage());
        }
        LOG.info("API on 127.0.0.1:{} stopped", endpoint.port());
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("API threads still busy after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
