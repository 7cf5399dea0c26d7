package io.harbormaster.core.node;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * How to start a node: the data dir, the flags that override {@code config.yaml}, and what to embed.
 * Build with {@link #builder(Path)}.
 */
public final class NodeOptions {

    private final DataDirectory dataDir;
    private final List<String> allowListedLocalPaths;
    private final String approval;
    private final String recoveryPolicy;
    private final String dockerHost;
    private final Integer apiPort;
    private final boolean apiEnabled;
    private final RecoveryHook recoveryHook;
    private final ClassLoader executorLoader;
    private final Clock clock;

    private NodeOptions(Builder builder) {
        this.dataDir = new DataDirectory(builder.dataDir);
        this.allowListedLocalPaths = builder.allowListedLocalPaths;
        this.approval = builder.approval;
        this.recoveryPolicy = builder.recoveryPolicy;
        this.dockerHost = builder.dockerHost;
        this.apiPort = builder.apiPort;
        this.apiEnabled = builder.apiEnabled;
        this.recoveryHook = builder.recoveryHook;
        this.executorLoader = builder.executorLoader;
        this.clock = builder.clock;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public DataDirectory dataDir() {
        return dataDir;
    }

    public boolean apiEnabled() {
        return apiEnabled;
    }

    public RecoveryHook recoveryHook() {
        return recoveryHook;
    }

    public ClassLoader executorLoader() {
        return executorLoader;
    }

    public Clock clock() {
        return clock;
    }

    /** The file's settings with every flag that was given laid over them. */
    public NodeConfig applyTo(NodeConfig fromFile) {
        NodeConfig config = fromFile;
        if (allowListedLocalPaths != null) {
            config = config.withAllowListedLocalPaths(allowListedLocalPaths);
        }
        if (approval != null) {
            config = config.withApproval(approval);
        }
        if (recoveryPolicy != null) {
            config = config.withRecoveryPolicy(recoveryPolicy);
        }
        if (dockerHost != null) {
            config = config.withDockerHost(dockerHost);
        }
        if (apiPort != null) {
            config = config.withApiPort(apiPort);
        }
        return config;
    }

    /** Builder; every setting but the data dir is optional. */
    public static final class Builder {
        private final Path dataDir;
        private List<String> allowListedLocalPaths;
        private String approval;
        private String recoveryPolicy;
        private String dockerHost;
        private Integer apiPort;
        private boolean apiEnabled = true;
        private RecoveryHook recoveryHook = new LiveExecutionRecovery();
        private ClassLoader executorLoader = NodeOptions.class.getClassLoader();
        private Clock clock = Clock.systemUTC();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder allowListedLocalPaths(List<String> paths) {
            this.allowListedLocalPaths = List.copyOf(paths);
            return this;
        }

        public Builder approval(String value) {
            this.approval = value;
            return this;
        }

        public Builder recoveryPolicy(String value) {
            this.recoveryPolicy = value;
            return this;
        }

        public Builder dockerHost(String value) {
            this.dockerHost = value;
            return this;
        }

        public Builder apiPort(int value) {
            this.apiPort = value;
            return this;
        }

        /** False for embedders that want no loopback API (tests); the CLI then cannot reach the node. */
        public Builder apiEnabled(boolean value) {
            this.apiEnabled = value;
            return this;
        }

        public Builder recoveryHook(RecoveryHook hook) {
            this.recoveryHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        public Builder executorLoader(ClassLoader loader) {
            this.executorLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public NodeOptions build() {
            return new NodeOptions(this);
        }
    }
}
