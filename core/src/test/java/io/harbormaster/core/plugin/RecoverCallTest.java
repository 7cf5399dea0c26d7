package io.harbormaster.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.execution.ExecutorHandle;
import io.harbormaster.core.execution.ReattachConfig;
import io.harbormaster.core.executor.ExecutionFiles;
import io.harbormaster.core.executor.ExecutionRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoverCallTest {

    private static final Path EXECUTIONS = Path.of("/var/lib/harbormaster/executions");
    private static final ReattachConfig PLUGIN = new ReattachConfig(PluginLauncher.PROTOCOL, 2, "/run/d-1.sock", 4242,
            Instant.parse("2026-11-28T10:00:00Z"), "d-1.token");
    private final PluginCodec codec = new PluginCodec();

    @Test
    void toTheCurrentProtocolUsualFilesAreLeftOutAndThePluginPutsThemBack() {
        List<ExecutionRef> refs = List.of(ref("e-1", ExecutionFiles.under(EXECUTIONS, "e-1")),
                ref("e-2", ExecutionFiles.under(EXECUTIONS, "e-2")));

        PluginWire.RecoverCall sent = PluginWire.RecoverCall.sent(refs, PluginHandshake.APP_PROTOCOL_VERSION);
        String line = codec.encode(sent);
        PluginWire.RecoverCall received = codec.decode(line, PluginWire.RecoverCall.class);

        assertThat(line).doesNotContain("stdout.log", "d-1.sock");
        assertThat(received.expandedRefs()).containsExactly(
                new ExecutionRef("e-1", refs.get(0).handle(), null, ExecutionFiles.under(EXECUTIONS, "e-1")),
                new ExecutionRef("e-2", refs.get(1).handle(), null, ExecutionFiles.under(EXECUTIONS, "e-2")));
    }

    @Test
    void aRefWhoseFilesLieElsewhereKeepsThem() {
        ExecutionFiles elsewhere = ExecutionFiles.under(Path.of("/srv/other"), "e-2");
        List<ExecutionRef> refs = List.of(ref("e-1", ExecutionFiles.under(EXECUTIONS, "e-1")), ref("e-2", elsewhere));

        PluginWire.RecoverCall received = codec.decode(codec.encode(
                PluginWire.RecoverCall.sent(refs, PluginHandshake.APP_PROTOCOL_VERSION)), PluginWire.RecoverCall.class);

        assertThat(received.expandedRefs().get(1).files()).isEqualTo(elsewhere);
        assertThat(received.expandedRefs().get(0).files()).isEqualTo(ExecutionFiles.under(EXECUTIONS, "e-1"));
    }

    @Test
    void toAPluginOfTheOlderProtocolEveryRefKeepsItsFilesAndNoNewFieldIsSent() {
        List<ExecutionRef> refs = List.of(ref("e-1", ExecutionFiles.under(EXECUTIONS, "e-1")));

        String line = codec.encode(PluginWire.RecoverCall.sent(refs, PluginHandshake.OLDEST_APP_PROTOCOL_VERSION));

        assertThat(line).contains("stdout.log").doesNotContain("executionsRoot", "d-1.sock");
        assertThat(codec.decode(line, PluginWire.RecoverCall.class).expandedRefs().get(0).files())
                .isEqualTo(ExecutionFiles.under(EXECUTIONS, "e-1"));
    }

    private static ExecutionRef ref(String id, ExecutionFiles files) {
        return new ExecutionRef(id, ExecutorHandle.of("wasm", Map.of("thread", id)), PLUGIN, files);
    }
}
