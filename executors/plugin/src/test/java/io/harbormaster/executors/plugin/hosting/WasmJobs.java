package io.harbormaster.executors.plugin.hosting;

import java.nio.file.Path;

/** Bacalhau wasm jobs over the wasm executor's test fixtures. */
final class WasmJobs {

    /** The fixtures are the wasm module's, read in place so there is one copy of each. */
    static final Path FIXTURES = Path.of("..", "wasm", "src", "test", "resources", "fixtures").toAbsolutePath().normalize();

    private WasmJobs() {
    }

    static String job(String name, String type, String fixture) {
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
                """.formatted(name, type, FIXTURES.resolve(fixture + ".wasm"));
    }

    static String allowList() {
        return FIXTURES + "/**";
    }
}
