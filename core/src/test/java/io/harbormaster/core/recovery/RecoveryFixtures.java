package io.harbormaster.core.recovery;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.spec.JobSpecParser;
import io.harbormaster.core.spec.LocalPathAllowList;
import io.harbormaster.core.testing.TestJobs;
import java.time.Instant;
import java.util.Set;

/** Executions as the store would hand them to recovery. */
final class RecoveryFixtures {

    static final Instant PLUGIN_START = Instant.parse("2026-01-01T10:00:00Z");

    private RecoveryFixtures() {
    }

    static Execution execution(String id, String type) {
        return Execution.accepted(id, "j-" + id,
                new JobSpecParser(LocalPathAllowList.none(), Set.of("docker")).parse(TestJobs.shell("x", type, "true"))
                        .spec(), Instant.now());
    }

    /** A WebAssembly service, as the node stores one. */
    static Execution wasmExecution(String id) {
        return Execution.accepted(id, "j-" + id, new JobSpecParser(LocalPathAllowList.of(java.util.List.of("/m/**")),
                Set.of("wasm")).parse("""
                Name: w
                Type: service
                Tasks:
                  - Name: main
                    Engine:
                      Type: wasm
                      Params:
                        EntryModule:
                          Source:
                            Type: localDirectory
                            Params:
                              SourcePath: /m/main.wasm
                """).spec(), Instant.now());
    }

    static Execution withPlugin(Execution execution, String socket) {
        return execution.withReattach(new ReattachConfig("harbormaster-plugin", 1, socket, 4242, PLUGIN_START, "token"));
    }
}
