package io.harbormaster.core.cli;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.node.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by every command (mix it in with {@code @Mixin DataDirOption dataDir;}). */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The node's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDir = DataDirectory.defaultLocation();

    public DataDirectory dataDirectory() {
        return new DataDirectory(dataDir);
    }

    /** A client for the node on this data dir; throws NodeUnreachableException if none runs. */
    public ApiClient connect() {
        return ApiClient.connect(dataDirectory());
    }
}
