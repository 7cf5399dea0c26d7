package io.harbormaster.executors.plugin.hosting;

import io.harbormaster.core.spec.JobSpec;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Bacalhau wasm jobs over the wasm executor's test fixtures. */
public final class WasmJobs {

    /** The fixtures are the wasm module's, read in place so there is one copy of each. */
    public static final Path FIXTURES = Path.of("..", "wasm", "src", "test", "resources", "fixtures").toAbsolutePath().normalize();

    private WasmJobs() {
    }

    public static String job(String name, String type, String fixture) {
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

    public static String allowList() {
        return FIXTURES + "/**";
    }

    /** {@link #job} parsed as a node parses it, with the fixtures allow-listed. */
    public static JobSpec spec(String name, String type, String fixture) {
        return new JobSpecParser(LocalPathAllowList.of(List.of(allowList())), Set.of("wasm"))
                .parse(job(name, type, fixture)).spec();
    }
}
