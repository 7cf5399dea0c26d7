package io.harbormaster.app.desktop.settings;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.app.desktop.shell.Theme;
import io.harbormaster.core.node.NodeConfig;
import io.harbormaster.core.node.NodeConfigFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings screen: the node's {@code config.yaml} (allow-listed paths, Docker host, approval
 * policy) and the window's theme. The file is read and written through core's own
 * {@link NodeConfigFile}, so it validates exactly as the node will when it next starts.
 */
public final class SettingsViewModel {

    public static final List<String> APPROVALS = List.of("safe", "ask", "auto");

    private final BackgroundTasks tasks;
    private final Path dataDir;
    private final StringProperty allowListedPaths = new SimpleStringProperty("");
    private final StringProperty dockerHost = new SimpleStringProperty("");
    private final StringProperty approval = new SimpleStringProperty("safe");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private NodeConfig loaded = NodeConfig.DEFAULTS;

    public SettingsViewModel(BackgroundTasks tasks, Path dataDir, Theme current, Consumer<Theme> applyTheme) {
        this.tasks = tasks;
        this.dataDir = dataDir;
        theme.set(current);
        theme.addListener((obs, old, now) -> {
            if (now != null) {
                applyTheme.accept(now);
            }
        });
    }

    public Path configFile() {
        return dataDir.resolve("config.yaml");
    }

    public String dataDir() {
        return dataDir.toString();
    }

    public void load() {
        tasks.run(() -> NodeConfigFile.loadOrCreate(configFile()), config -> {
            loaded = config;
            allowListedPaths.set(String.join("\n", config.allowListedLocalPaths()));
            dockerHost.set(config.dockerHost() == null ? "" : config.dockerHost());
            approval.set(config.approval());
            status.set("Editing " + configFile());
        }, failed -> status.set(failed.getMessage()));
    }

    /** Writes the edited settings; the node reads them at its next start. */
    public void save() {
        NodeConfig edited = loaded
                .withAllowListedLocalPaths(Arrays.stream(allowListedPaths.get().split("\\R"))
                        .map(String::strip).filter(line -> !line.isEmpty()).toList())
                .withDockerHost(dockerHost.get() == null || dockerHost.get().isBlank() ? null : dockerHost.get().strip())
                .withApproval(approval.get());
        tasks.run(() -> {
            NodeConfigFile.save(configFile(), edited);
            return edited;
        }, saved -> {
            loaded = saved;
            status.set("Saved " + configFile() + ". The node uses these settings from its next start.");
        }, failed -> status.set("Not saved: " + failed.getMessage()));
    }

    public StringProperty allowListedPathsProperty() {
        return allowListedPaths;
    }

    public StringProperty dockerHostProperty() {
        return dockerHost;
    }

    public StringProperty approvalProperty() {
        return approval;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
