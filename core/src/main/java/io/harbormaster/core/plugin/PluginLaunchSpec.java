package io.harbormaster.core.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * What {@link PluginLauncher} starts. Build with {@link #builder}: the executor type, runtime dir, node id
 * and data dir are required; the rest defaults to this JVM's java and classpath and the real main class.
 *
 * @param idleExit null when the plugin must never exit on its own (the default)
 * @param settings the hosted executor's settings from the node's config, passed on its command line
 */
public record PluginLaunchSpec(
        String executorType,
        PluginFiles files,
        String nodeId,
        Path dataDir,
        Path javaBinary,
        String classpath,
        List<String> jvmOptions,
        String mainClass,
        Duration handshakeTimeout,
        Duration idleExit,
        Map<String, String> settings) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    public PluginLaunchSpec {
        Objects.requireNonNull(executorType, "executorType");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(javaBinary, "javaBinary");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        jvmOptions = List.copyOf(jvmOptions);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static Builder builder(String executorType, Path runtimeDir, String nodeId, Path dataDir) {
        return new Builder(executorType, runtimeDir, nodeId, dataDir);
    }

    public static final class Builder {

        private final String executorType;
        private final Path runtimeDir;
        private final String nodeId;
        private final Path dataDir;
        private String name;
        private Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classpath = System.getProperty("java.class.path");
        private final List<String> jvmOptions = new ArrayList<>();
        private String mainClass = PluginLauncher.MAIN_CLASS;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleExit;
        private final Map<String, String> settings = new TreeMap<>();

        private Builder(String executorType, Path runtimeDir, String nodeId, Path dataDir) {
            this.executorType = executorType;
            this.runtimeDir = runtimeDir;
            this.nodeId = nodeId;
            this.dataDir = dataDir;
            this.name = executorType;
        }

        /** Names the plugin's socket, token and logs; unique per live plugin (default: the executor type). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder javaBinary(Path javaBinary) {
            this.javaBinary = javaBinary;
            return this;
        }

        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Another entry point, for tests that need a plugin that misbehaves. */
        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
            return this;
        }

        /**
         * Lets the plugin exit after {@code idle} with no executions and no connection, for a plugin nobody may
         * come back to. Default: never exit on its own.
         */
        public Builder idleExit(Duration idle) {
            this.idleExit = idle;
            return this;
        }

        /** The hosted executor's settings (never secrets: they show in the process list). */
        public Builder settings(Map<String, String> executorSettings) {
            settings.putAll(executorSettings);
            return this;
        }

        public PluginLaunchSpec build() {
            return new PluginLaunchSpec(executorType, new PluginFiles(runtimeDir, name), nodeId, dataDir, javaBinary,
                    classpath, jvmOptions, mainClass, handshakeTimeout, idleExit, settings);
        }
    }
}
