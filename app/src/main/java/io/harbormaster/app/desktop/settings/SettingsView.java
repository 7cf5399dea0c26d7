package io.harbormaster.app.desktop.settings;

import io.harbormaster.app.desktop.shell.Icons;
import io.harbormaster.app.desktop.shell.Theme;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** A form over the node's {@code config.yaml} and the window's theme. */
public final class SettingsView {

    private final VBox root = new VBox(12);

    public SettingsView(SettingsViewModel viewModel) {
        root.setId("settings-screen");
        root.setPadding(new Insets(16));
        Label heading = new Label("Settings");
        heading.getStyleClass().add("title-3");

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(190);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);

        Label dataDir = new Label(viewModel.dataDir());
        dataDir.setId("settings-data-dir");
        TextArea paths = new TextArea();
        paths.setId("settings-allow-list");
        paths.setPrefRowCount(4);
        paths.setPromptText("for example /data/**:rw (one path a line)");
        paths.textProperty().bindBidirectional(viewModel.allowListedPathsProperty());
        TextField docker = new TextField();
        docker.setId("settings-docker-host");
        docker.setPromptText("empty: DOCKER_HOST or the platform default");
        docker.textProperty().bindBidirectional(viewModel.dockerHostProperty());
        ChoiceBox<String> approval = new ChoiceBox<>();
        approval.setId("settings-approval");
        approval.getItems().setAll(SettingsViewModel.APPROVALS);
        approval.valueProperty().bindBidirectional(viewModel.approvalProperty());
        ChoiceBox<Theme> theme = new ChoiceBox<>();
        theme.setId("settings-theme");
        theme.getItems().setAll(Theme.values());
        theme.valueProperty().bindBidirectional(viewModel.themeProperty());

        int row = 0;
        form.addRow(row++, new Label("Data directory"), dataDir);
        form.add(hint("Another data dir is another node: open it with 'harbormaster --data-dir DIR'."), 1, row++);
        form.addRow(row++, new Label("Allow-listed local paths\n(PATH[:ro|:rw], one a line)"), paths);
        form.addRow(row++, new Label("Docker host"), docker);
        form.addRow(row++, new Label("Recovery approval"), approval);
        form.add(hint("safe: reattach and adopt results at once, ask about the rest; ask: every action waits; "
                + "auto: apply everything"), 1, row++);
        form.addRow(row++, new Label("Theme (Ctrl+T)"), theme);

        Button save = new Button("Save", Icons.of(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.setId("settings-save");
        save.getStyleClass().add("accent");
        save.setOnAction(event -> viewModel.save());
        Label status = new Label();
        status.setId("settings-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        root.getChildren().addAll(heading, form, save, status);
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        return hint;
    }

    public Region root() {
        return root;
    }
}
