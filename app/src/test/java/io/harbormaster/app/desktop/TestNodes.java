package io.harbormaster.app.desktop;

import io.harbormaster.core.node.ComputeNode;
import io.harbormaster.core.node.NodeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real nodes for the app's tests: a data dir whose config lets wasm jobs read the wasm executor's fixtures. */
public final class TestNodes {

    /** The wasm executor's test modules, read in place. */
    public static final Path WASM_FIXTURES = Path.of(System.getProperty("harbormaster.test.wasmFixtures",
            "../executors/wasm/src/test/resources/fixtures")).toAbsolutePath().normalize();

    private TestNodes() {
    }

    /**
     * Options for a node on {@code dataDir} with the fixtures allow-listed, no loopback API, and wasm
     * run inside the node (a plugin JVM per service would only slow the tests down).
     */
    public static NodeOptions options(Path dataDir) {
        return builder(dataDir).build();
    }

    /**
     * As {@link #options}, with the Docker engine the tests are given ({@code HARBORMASTER_TEST_DOCKER_HOST}): what
     * lists containers, such as an environment reset, needs one. Use in classes marked {@code @RequiresDockerEngine}.
     */
    public static NodeOptions optionsOnTestEngine(Path dataDir) {
        return builder(dataDir).dockerHost(System.getenv("HARBORMASTER_TEST_DOCKER_HOST")).build();
    }

    private static NodeOptions.Builder builder(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("config.yaml"), """
                    executors:
                      wasm:
                        placement: in-process
                    """);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return NodeOptions.builder(dataDir).allowListedLocalPaths(List.of(WASM_FIXTURES + "/**")).apiEnabled(false);
    }

    /**
     * A data dir for a node in a process of its own, as a user's would be: the fixtures allow-listed in its
     * {@code config.yaml} and wasm placed the default way (services in a dedicated plugin process each, batch jobs
     * inside the node), so a {@code kill -9} of the node leaves the services running and loses the batch jobs.
     */
    public static void writeDefaultPlacementConfig(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("config.yaml"), """
                    allowListedLocalPaths: ["%s/**"]
                    executors:
                      wasm:
                        placement: dedicated
                    """.formatted(WASM_FIXTURES));
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    /** Options for a window's node on a data dir whose {@code config.yaml} the test wrote itself (kept as it is). */
    public static NodeOptions.Builder keepingConfig(Path dataDir) {
        return NodeOptions.builder(dataDir).apiEnabled(false);
    }

    public static ComputeNode start(Path dataDir) {
        return ComputeNode.start(options(dataDir));
    }

    /** A WebAssembly job running one fixture ({@code hello}, {@code ticker}, ...). */
    public static String wasmJob(String name, String type, String fixture) {
        return """
                Name: %s
                Type: %s
                Tasks:
                  - Name: main
                    Engine:
                      Type: wasm
                      Params:
                        EntryModule:
                          Source:
                            Type: localDirectory
                            Params:
                              SourcePath: %s
                """.formatted(name, type, WASM_FIXTURES.resolve(fixture + ".wasm"));
    }
}
