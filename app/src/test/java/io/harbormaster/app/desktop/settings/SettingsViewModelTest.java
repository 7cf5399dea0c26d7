package io.harbormaster.app.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.app.desktop.shell.Theme;
import io.harbormaster.core.node.NodeConfig;
import io.harbormaster.core.node.NodeConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path dataDir;

    private final List<Theme> applied = new ArrayList<>();

    private SettingsViewModel viewModel() {
        return new SettingsViewModel(BackgroundTasks.inline(), dataDir, Theme.LIGHT, applied::add);
    }

    @Test
    void loadShowsWhatConfigYamlSays() {
        NodeConfigFile.save(dataDir.resolve("config.yaml"), NodeConfig.DEFAULTS
                .withAllowListedLocalPaths(List.of("/data/**:rw", "/models:ro")).withApproval("ask")
                .withDockerHost("unix:///run/other.sock"));
        SettingsViewModel viewModel = viewModel();

        viewModel.load();

        assertThat(viewModel.allowListedPathsProperty().get()).isEqualTo("/data/**:rw\n/models:ro");
        assertThat(viewModel.approvalProperty().get()).isEqualTo("ask");
        assertThat(viewModel.dockerHostProperty().get()).isEqualTo("unix:///run/other.sock");
    }

    @Test
    void saveWritesTheEditsSoTheNodeReadsThemBack() {
        SettingsViewModel viewModel = viewModel();
        viewModel.load();
        viewModel.allowListedPathsProperty().set("  /srv/in:ro \n\n/srv/out:rw\n");
        viewModel.approvalProperty().set("auto");
        viewModel.dockerHostProperty().set(" ");

        viewModel.save();

        NodeConfig saved = NodeConfigFile.loadOrCreate(dataDir.resolve("config.yaml"));
        assertThat(saved.allowListedLocalPaths()).containsExactly("/srv/in:ro", "/srv/out:rw");
        assertThat(saved.approval()).isEqualTo("auto");
        assertThat(saved.dockerHost()).isNull();
        assertThat(viewModel.statusProperty().get()).startsWith("Saved ");
    }

    @Test
    void anInvalidValueIsRefusedWithTheReasonAndTheFileKept() throws Exception {
        SettingsViewModel viewModel = viewModel();
        viewModel.load();
        String before = Files.readString(dataDir.resolve("config.yaml"));
        viewModel.approvalProperty().set("sometimes");

        viewModel.save();

        assertThat(viewModel.statusProperty().get()).startsWith("Not saved: ").contains("approval must be one of");
        assertThat(Files.readString(dataDir.resolve("config.yaml"))).isEqualTo(before);
    }

    @Test
    void choosingAThemeAppliesItAtOnce() {
        SettingsViewModel viewModel = viewModel();

        viewModel.themeProperty().set(Theme.DARK);

        assertThat(applied).containsExactly(Theme.DARK);
    }
}
