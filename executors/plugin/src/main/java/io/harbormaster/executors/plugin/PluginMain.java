package io.harbormaster.executors.plugin;

import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorProvider;
import io.harbormaster.core.plugin.HelloLines;
import io.harbormaster.core.plugin.PluginFiles;
import io.harbormaster.core.plugin.PluginHandshake;
import io.harbormaster.core.plugin.PluginLauncher;
import io.harbormaster.core.plugin.PluginWire;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin process: hosts one executor behind a Unix socket and outlives the node that started it.
 *
 * <p>Life: parse args, load the executor by ServiceLoader, bind the 0600 socket, print the handshake
 * line, close stdout, serve until {@code shutdown} (or, with {@code --idle-exit}, until idle with no
 * executions). After the handshake it writes only to files.
 */
public final class PluginMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(PluginMain.class);

    private PluginMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        PluginArguments arguments;
        PluginFiles files;
        try {
            arguments = PluginArguments.parse(args);
            files = new PluginFiles(arguments.runtimeDir(), arguments.name());
        } catch (IllegalArgumentException e) {
            stderr.println("harbormaster plugin: " + e.getMessage());
            return EXIT_USAGE;
        }
        String token = System.getenv(PluginLauncher.TOKEN_ENV);
        if (token == null || token.isBlank()) {
            stderr.println("harbormaster plugin: no token in " + PluginLauncher.TOKEN_ENV);
            return EXIT_USAGE;
        }
        List<ExecutorProvider> providers = ServiceLoader.load(ExecutorProvider.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        ExecutorProvider provider = providers.stream().filter(p -> p.type().equals(arguments.executorType()))
                .findFirst().orElse(null);
        if (provider == null) {
            stderr.println("harbormaster plugin: no executor of type " + arguments.executorType()
                    + " on the classpath (found: " + providers.stream().map(ExecutorProvider::type)
                    .collect(Collectors.joining(", ")) + ")");
            return EXIT_USAGE;
        }
        PluginLogFile.use(files.log());
        Executor executor = provider.create(new ExecutorContext(arguments.nodeId(), arguments.dataDir(), arguments.settings()));
        PluginServer server;
        try {
            server = PluginServer.bind(files.socket());
        } catch (IOException e) {
            stderr.println("harbormaster plugin: cannot serve on " + files.socket() + ": " + e.getMessage());
            executor.close();
            return EXIT_FAILED;
        }
        stdout.println(PluginHandshake.current(files.socket()).format());
        stdout.flush();
        stdout.close(); // nothing after the handshake may depend on the node's pipe
        LOG.info("Plugin {} serving executor {} on {} (pid {})", files.name(), executor.type(), files.socket(),
                ProcessHandle.current().pid());
        PluginOperations operations = new PluginOperations(executor, files.name());
        if (!HelloLines.prime(operations.info())) {
            LOG.debug("The reattach lines did not read back by hand in memory; a reattach is answered all the same");
        }
        return serve(arguments, server, operations, token);
    }

    private static int serve(PluginArguments arguments, PluginServer server, PluginOperations operations,
            String token) {
        AtomicReference<PluginWire.ShutdownCall> requested = new AtomicReference<>();
        PluginSession.ShutdownListener onShutdown = call -> {
            requested.set(call);
            server.close();
        };
        ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "plugin-idle-check");
            thread.setDaemon(true);
            return thread;
        });
        if (arguments.idleExit() != null) {
            watchIdle(arguments.idleExit(), server, operations, idleCheck);
        }
        server.serve(channel -> new PluginSession(channel, token, operations, onShutdown));
        server.close();
        idleCheck.shutdownNow();
        PluginWire.ShutdownCall call = requested.get();
        boolean stop = call != null && call.stopExecutions();
        operations.finish(stop, call != null && call.grace() != null ? call.grace() : Duration.ofSeconds(10));
        LOG.info("Plugin exits ({})", call == null ? "idle" : stop ? "shutdown, executions stopped" : "shutdown, detached");
        return EXIT_OK;
    }

    /** Exits once nothing ran and nobody was connected for {@code idle}: a plugin nobody will reattach to. */
    private static void watchIdle(Duration idle, PluginServer server, PluginOperations operations,
            ScheduledExecutorService idleCheck) {
        AtomicReference<Instant> busySince = new AtomicReference<>(Instant.now());
        idleCheck.scheduleWithFixedDelay(() -> {
            if (operations.executionCount() > 0 || server.openConnections() > 0) {
                busySince.set(Instant.now());
            } else if (Duration.between(busySince.get(), Instant.now()).compareTo(idle) >= 0) {
                server.close();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }
}
