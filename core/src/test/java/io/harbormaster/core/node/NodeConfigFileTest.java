package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbormaster.core.HarbormasterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsCreatedWithCommentedDefaults() throws IOException {
        Path file = dir.resolve("config.yaml");
        NodeConfig config = NodeConfigFile.loadOrCreate(file);
        assertThat(config).isEqualTo(NodeConfig.DEFAULTS);
        assertThat(Files.readString(file)).contains("# After a restart").contains("approval: safe");
    }

    @Test
    void savedConfigReadsBackEqual() {
        Path file = dir.resolve("config.yaml");
        NodeConfig changed = NodeConfig.DEFAULTS.withAllowListedLocalPaths(List.of("/data/**:rw")).withApproval("ask");
        NodeConfigFile.save(file, changed);
        assertThat(NodeConfigFile.loadOrCreate(file)).isEqualTo(changed);
    }

    @Test
    void misspelledKeyIsRefusedWithItsLine() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "approval: safe\napprovel: auto\n");
        assertThatThrownBy(() -> NodeConfigFile.loadOrCreate(file))
                .isInstanceOf(HarbormasterException.class)
                .hasMessageContaining("line 2").hasMessageContaining("approvel");
    }

    @Test
    void unknownApprovalPolicyIsRefused() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "approval: sometimes\n");
        assertThatThrownBy(() -> NodeConfigFile.loadOrCreate(file)).hasMessageContaining("auto, safe, ask");
    }

    @Test
    void perActionApprovalsAreReadAndABadOneIsRefusedWithItsAction() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "approval: safe\nrecoveryApproval:\n  RERUN: auto\n  FAIL: ask\n");
        assertThat(NodeConfigFile.loadOrCreate(file).recoveryApproval()).containsEntry("RERUN", "auto")
                .containsEntry("FAIL", "ask");

        Files.writeString(file, "recoveryApproval:\n  RERUN: sometimes\n");
        assertThatThrownBy(() -> NodeConfigFile.loadOrCreate(file)).hasMessageContaining("recoveryApproval.RERUN")
                .hasMessageContaining("auto or ask");
        Files.writeString(file, "recoveryApproval:\n  RESTART: auto\n");
        assertThatThrownBy(() -> NodeConfigFile.loadOrCreate(file)).hasMessageContaining("'RESTART' is not a recovery action");
    }

    @Test
    void dedicatedPluginJitIsReadAndAnUnknownOneIsRefusedWithItsEngine() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "executors:\n  wasm:\n    dedicatedPluginJit: tiered\n");
        assertThat(NodeConfigFile.loadOrCreate(file).executorSettings("wasm")).containsEntry("dedicatedPluginJit", "tiered");

        Files.writeString(file, "executors:\n  wasm:\n    dedicatedPluginJit: C2\n");
        assertThatThrownBy(() -> NodeConfigFile.loadOrCreate(file)).isInstanceOf(HarbormasterException.class)
                .hasMessageContaining("executors.wasm.dedicatedPluginJit").hasMessageContaining("c1")
                .hasMessageContaining("tiered").hasMessageContaining("'C2'");
    }

    @Test
    void flagsOverrideTheFile() {
        NodeOptions options = NodeOptions.builder(dir).approval("auto").allowListedLocalPaths(List.of("/x")).build();
        NodeConfig merged = options.applyTo(NodeConfig.DEFAULTS.withApproval("ask"));
        assertThat(merged.approval()).isEqualTo("auto");
        assertThat(merged.allowListedLocalPaths()).containsExactly("/x");
        assertThat(merged.recoveryPolicy()).isEqualTo("extended");
    }

    @Test
    void nodeIdIsCreatedOnceAndKept() {
        Path file = dir.resolve("node-id");
        String first = NodeIdentity.loadOrCreate(file);
        assertThat(first).startsWith("n-");
        assertThat(NodeIdentity.loadOrCreate(file)).isEqualTo(first);
    }
}
