package io.harbormaster.core.node;

import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.executor.Executor;
import io.harbormaster.core.executor.ExecutorContext;
import io.harbormaster.core.executor.ExecutorProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executors this node runs, one per engine type, found on the classpath by ServiceLoader. */
public final class ExecutorRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorRegistry.class);

    private final Map<String, Executor> executors;

    private ExecutorRegistry(Map<String, Executor> executors) {
        this.executors = Collections.unmodifiableMap(executors);
    }

    public static ExecutorRegistry load(ClassLoader loader, String nodeId, DataDirectory dataDir, NodeConfig config) {
        Map<String, Executor> found = new LinkedHashMap<>();
        for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class, loader)) {
            String type = provider.type();
            if (found.containsKey(type)) {
                throw new HarbormasterException("Two executors for engine type '" + type + "' are installed: "
                        + found.get(type).getClass().getName() + " and " + provider.getClass().getName());
            }
            Map<String, String> settings = new LinkedHashMap<>(config.executorSettings(type));
            if (config.dockerHost() != null) {
                settings.putIfAbsent("dockerHost", config.dockerHost());
            }
            found.put(type, provider.create(new ExecutorContext(nodeId, dataDir.root(), settings)));
            LOG.info("Executor for engine type '{}' loaded ({})", type, provider.getClass().getName());
        }
        if (found.isEmpty()) {
            LOG.warn("No executor is installed: jobs will be refused until one is");
        }
        return new ExecutorRegistry(found);
    }

    public static ExecutorRegistry of(List<Executor> executors) {
        Map<String, Executor> byType = new LinkedHashMap<>();
        executors.forEach(executor -> byType.put(executor.type(), executor));
        return new ExecutorRegistry(byType);
    }

    public Optional<Executor> forType(String type) {
        return Optional.ofNullable(executors.get(type));
    }

    public Set<String> types() {
        return new TreeSet<>(executors.keySet());
    }

    public List<Executor> all() {
        return new ArrayList<>(executors.values());
    }

    /** Closes the clients; what the executors run keeps running. */
    @Override
    public void close() {
        for (Executor executor : executors.values()) {
            try {
                executor.close();
            } catch (HarbormasterException failure) {
                LOG.warn("Executor '{}' did not close cleanly: {}", executor.type(), failure.getMessage());
            }
        }
    }
}
