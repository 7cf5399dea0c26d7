package io.harbormaster.systemtests;

import io.harbormaster.executors.docker.TestEngine;
import java.nio.file.Path;

/** Bacalhau jobs for a whole node: Docker jobs on the test image, WebAssembly jobs on the wasm executor's fixtures. */
public final class SystemJobs {

    /** The wasm fixtures are read in place, so there is one copy of each. */
    public static final Path WASM_FIXTURES = Path.of("..", "executors", "wasm", "src", "test", "resources", "fixtures")
            .toAbsolutePath().normalize();

    private SystemJobs() {
    }

    /** A Docker job running {@code sh -c script} in the test image. */
    public static String docker(String name, String type, String script) {
        return """
                Name: %s
                Type: %s
                Tasks:
                  - Name: main
                    Engine:
                      Type: docker
                      Params:
                        Image: %s
                        Parameters: [sh, -c, %s]
                """.formatted(name, type, TestEngine.IMAGE, quoted(script));
    }

    /** A WebAssembly job running one of the wasm executor's fixtures ({@code hello}, {@code ticker}, ...). */
    public static String wasm(String name, String type, String fixture) {
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

    /** The node option that lets wasm jobs read the fixtures. */
    public static String wasmAllowList() {
        return WASM_FIXTURES + "/**";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
