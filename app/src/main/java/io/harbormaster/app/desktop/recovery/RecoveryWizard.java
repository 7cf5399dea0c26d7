package io.harbormaster.app.desktop.recovery;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The guided recovery window: opened over the main window when decisions wait at start. One click on "Accept all
 * and apply" takes the operator from opening to a recovered node; "Review each" leads to the recovery screen.
 */
public final class RecoveryWizard {

    private final Stage stage = new Stage();

    private RecoveryWizard(Window owner, RecoveryWizardViewModel viewModel, Runnable review) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Recovery after restart");

        Label heading = new Label("What happened");
        heading.getStyleClass().add("title-3");
        Label headline = new Label();
        headline.setId("wizard-headline");
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        headline.textProperty().bind(viewModel.headlineProperty());
        ListView<String> groups = new ListView<>(viewModel.groupLines());
        groups.setId("wizard-groups");
        groups.setPrefHeight(140);
        Label message = new Label();
        message.setId("wizard-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        TextArea report = new TextArea();
        report.setId("wizard-report");
        report.setEditable(false);
        report.getStyleClass().add("monospace");
        report.textProperty().bind(viewModel.reportProperty());
        VBox.setVgrow(report, Priority.ALWAYS);

        Button accept = new Button("Accept all and apply");
        accept.setId("wizard-accept-all");
        accept.getStyleClass().add("accent");
        accept.setDefaultButton(true);
        accept.setOnAction(event -> viewModel.acceptAllAndApply());
        Button reviewEach = new Button("Review each…");
        reviewEach.setId("wizard-review");
        reviewEach.setOnAction(event -> {
            stage.close();
            review.run();
        });
        Button save = new Button("Save report…");
        save.setId("wizard-save-report");
        save.setOnAction(event -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setInitialFileName("recovery-report.txt");
            java.io.File file = chooser.showSaveDialog(stage);
            if (file != null) {
                viewModel.saveReport(file.toPath());
            }
        });
        Button close = new Button("Close");
        close.setId("wizard-close");
        close.setOnAction(event -> stage.close());
        HBox buttons = new HBox(8, accept, reviewEach, save, close);

        viewModel.pageProperty().addListener((obs, old, now) -> {
            accept.setDisable(now != RecoveryWizardViewModel.Page.SUMMARY);
            heading.setText(now == RecoveryWizardViewModel.Page.REPORT ? "Recovery report" : "What happened");
            report.setVisible(now == RecoveryWizardViewModel.Page.REPORT);
        });
        report.setVisible(false);

        VBox root = new VBox(10, heading, headline, groups, message, report, buttons);
        root.setId("recovery-wizard");
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root, 680, 480);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    /** Opens the wizard over {@code owner}; {@code review} shows the recovery screen. */
    public static RecoveryWizard open(Window owner, RecoveryWizardViewModel viewModel, Runnable review) {
        RecoveryWizard wizard = new RecoveryWizard(owner, viewModel, review);
        wizard.stage.show();
        return wizard;
    }

    public Stage stage() {
        return stage;
    }
}
