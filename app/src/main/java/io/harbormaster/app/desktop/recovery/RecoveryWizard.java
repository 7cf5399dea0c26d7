package io.harbormaster.app.desktop.recovery;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
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
 * and apply" takes the operator from opening to a recovered node; "Review each…" goes group by group, then applies
 * with progress; both end on the report. "Open recovery screen" leaves for the full screen with the flowchart.
 */
public final class RecoveryWizard {

    private final Stage stage = new Stage();
    private final RecoveryWizardViewModel viewModel;

    private RecoveryWizard(Window owner, RecoveryWizardViewModel viewModel, Runnable recoveryScreen) {
        this.viewModel = viewModel;
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
        Label message = new Label();
        message.setId("wizard-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        Node summary = summaryPage(viewModel);
        Node review = new WizardReviewPane(viewModel).root();
        Node applying = applyingPage(viewModel);
        Node report = reportPage(viewModel);
        VBox pages = new VBox(summary, review, applying, report);
        VBox.setVgrow(pages, Priority.ALWAYS);
        for (Node page : pages.getChildren()) {
            VBox.setVgrow(page, Priority.ALWAYS);
        }

        Button accept = new Button("Accept all and apply");
        accept.setId("wizard-accept-all");
        accept.getStyleClass().add("accent");
        accept.setDefaultButton(true);
        accept.setOnAction(event -> viewModel.acceptAllAndApply());
        Button reviewEach = new Button("Review each…");
        reviewEach.setId("wizard-review");
        reviewEach.setOnAction(event -> viewModel.reviewEach());
        Button screen = new Button("Open recovery screen");
        screen.setId("wizard-open-screen");
        screen.setOnAction(event -> {
            stage.close();
            recoveryScreen.run();
        });
        Button close = new Button("Close");
        close.setId("wizard-close");
        close.setOnAction(event -> stage.close());
        HBox buttons = new HBox(8, accept, reviewEach, screen, close);

        Runnable showPage = () -> {
            RecoveryWizardViewModel.Page now = viewModel.pageProperty().get();
            show(summary, now == RecoveryWizardViewModel.Page.SUMMARY);
            show(review, now == RecoveryWizardViewModel.Page.REVIEW);
            show(applying, now == RecoveryWizardViewModel.Page.APPLYING);
            show(report, now == RecoveryWizardViewModel.Page.REPORT);
            boolean start = now == RecoveryWizardViewModel.Page.SUMMARY;
            accept.setDisable(!start);
            reviewEach.setDisable(!start);
            heading.setText(switch (now) {
                case SUMMARY -> "What happened";
                case REVIEW -> "Review by group";
                case APPLYING -> "Applying";
                case REPORT -> "Recovery report";
            });
        };
        viewModel.pageProperty().addListener((obs, old, now) -> showPage.run());
        showPage.run();

        VBox root = new VBox(10, heading, headline, pages, message, buttons);
        root.setId("recovery-wizard");
        root.setPadding(new Insets(16));
        Scene scene = new Scene(root, 720, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    private static Node summaryPage(RecoveryWizardViewModel viewModel) {
        ListView<String> groups = new ListView<>(viewModel.groupLines());
        groups.setId("wizard-groups");
        groups.setPrefHeight(140);
        return groups;
    }

    private static Node applyingPage(RecoveryWizardViewModel viewModel) {
        ProgressBar bar = new ProgressBar();
        bar.setId("wizard-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.progressProperty());
        Label text = new Label();
        text.setId("wizard-progress-text");
        text.textProperty().bind(viewModel.progressTextProperty());
        VBox page = new VBox(8, bar, text);
        page.setId("wizard-applying-page");
        return page;
    }

    private Node reportPage(RecoveryWizardViewModel viewModel) {
        TextArea report = new TextArea();
        report.setId("wizard-report");
        report.setEditable(false);
        report.getStyleClass().add("monospace");
        report.textProperty().bind(viewModel.reportProperty());
        VBox.setVgrow(report, Priority.ALWAYS);
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
        VBox page = new VBox(8, report, save);
        page.setId("wizard-report-page");
        return page;
    }

    private static void show(Node page, boolean visible) {
        page.setVisible(visible);
        page.setManaged(visible);
    }

    /** Opens the wizard over {@code owner}; {@code recoveryScreen} shows the recovery screen. */
    public static RecoveryWizard open(Window owner, RecoveryWizardViewModel viewModel, Runnable recoveryScreen) {
        RecoveryWizard wizard = new RecoveryWizard(owner, viewModel, recoveryScreen);
        wizard.stage.show();
        return wizard;
    }

    public Stage stage() {
        return stage;
    }

    public RecoveryWizardViewModel viewModel() {
        return viewModel;
    }
}
