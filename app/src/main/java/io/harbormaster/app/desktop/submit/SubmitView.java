package io.harbormaster.app.desktop.submit;

import io.harbormaster.app.desktop.shell.Icons;
import io.harbormaster.core.spec.SpecProblem;
import java.io.File;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The job editor: templates, open file, the spec with its problem lines marked, submit. */
public final class SubmitView {

    private final SubmitViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final TextArea editor = new TextArea();

    public SubmitView(SubmitViewModel viewModel) {
        this.viewModel = viewModel;
        root.setId("submit-screen");
        root.setTop(toolbar());
        root.setCenter(editorPane());
        root.setBottom(problemsPane());
    }

    public Region root() {
        return root;
    }

    public void focusEditor() {
        editor.requestFocus();
    }

    /** Asks for a job file; the window is needed as the chooser's owner. */
    public void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Bacalhau job");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Job specs", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            viewModel.open(file.toPath());
        }
    }

    private HBox toolbar() {
        ComboBox<JobTemplate> templates = new ComboBox<>();
        templates.setId("job-templates");
        templates.getItems().setAll(JobTemplate.values());
        templates.setPromptText("New from template…");
        templates.setOnAction(event -> {
            if (templates.getValue() != null) {
                viewModel.useTemplate(templates.getValue());
            }
        });
        Button open = new Button("Open…", Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        open.setId("open-job-file");
        open.setTooltip(new Tooltip("Open a job file (Ctrl+O)"));
        open.setOnAction(event -> openFile());
        Button check = new Button("Check", Icons.of(MaterialDesignC.CHECK_CIRCLE_OUTLINE));
        check.setId("validate-job");
        check.setOnAction(event -> viewModel.validate());
        Button submit = new Button("Submit", Icons.of(MaterialDesignS.SEND));
        submit.setId("submit-job");
        submit.getStyleClass().add("accent");
        submit.setTooltip(new Tooltip("Submit the job to this node (Ctrl+Enter)"));
        submit.disableProperty().bind(viewModel.busyProperty());
        submit.setOnAction(event -> viewModel.submit());
        Label file = new Label();
        file.textProperty().bind(viewModel.fileNameProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, templates, open, check, spacer, file, submit);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private HBox editorPane() {
        editor.setId("job-editor");
        editor.getStyleClass().add("monospace");
        editor.textProperty().bindBidirectional(viewModel.textProperty());
        PauseTransition typing = new PauseTransition(Duration.millis(400));
        typing.setOnFinished(event -> viewModel.validate());
        editor.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        LineGutter gutter = new LineGutter(editor);
        viewModel.problems().addListener((ListChangeListener<SpecProblem>) change -> gutter.mark(viewModel.problemLines()));
        HBox.setHgrow(editor, Priority.ALWAYS);
        HBox pane = new HBox(gutter, editor);
        pane.setPadding(new Insets(0, 8, 0, 8));
        return pane;
    }

    private VBox problemsPane() {
        ListView<SpecProblem> problems = new ListView<>(viewModel.problems());
        problems.setId("spec-problems");
        problems.setPrefHeight(110);
        problems.setPlaceholder(new Label("No problems found."));
        problems.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SpecProblem problem, boolean empty) {
                super.updateItem(problem, empty);
                setText(empty || problem == null ? null : problem.toString());
                setWrapText(true);
                setPrefWidth(0);
                setGraphic(empty || problem == null ? null : Icons.of(MaterialDesignC.CLOSE_CIRCLE_OUTLINE));
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now.line() > 0) {
                selectLine(now.line());
            }
        });
        ListView<String> warnings = new ListView<>(viewModel.warnings());
        warnings.setId("spec-warnings");
        warnings.setPrefHeight(50);
        warnings.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        Label status = new Label();
        status.setId("submit-status");
        status.textProperty().bind(viewModel.statusProperty());
        VBox pane = new VBox(6, status, pullProgress(), problems, warnings);
        pane.setPadding(new Insets(8));
        return pane;
    }

    /** A bar and a sentence while the node pulls an image; the last pull's outcome stays until the next. */
    private HBox pullProgress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("pull-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(viewModel.pullProgressProperty());
        bar.visibleProperty().bind(viewModel.pullingProperty());
        Label text = new Label();
        text.setId("pull-text");
        text.textProperty().bind(viewModel.pullTextProperty());
        HBox row = new HBox(8, bar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.pullTextProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** Puts the caret on a line and selects it, so the operator sees the field the problem is about. */
    private void selectLine(int line) {
        String text = editor.getText();
        int start = 0;
        for (int current = 1; current < line && start >= 0; current++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return;
            }
        }
        int end = text.indexOf('\n', start);
        editor.requestFocus();
        editor.selectRange(start, end < 0 ? text.length() : end);
    }
}
