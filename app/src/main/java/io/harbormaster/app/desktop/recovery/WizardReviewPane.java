package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.RecoveryAction;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wizard's review page: one group of executions at a time with what each executor said; approve the group as
 * proposed, or choose another action the core allows for one execution; then the next group, or apply.
 */
final class WizardReviewPane {

    private final VBox root = new VBox(8);

    WizardReviewPane(RecoveryWizardViewModel viewModel) {
        WizardReview review = viewModel.review();
        Label title = new Label();
        title.setId("wizard-group-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.textProperty().bind(review.titleProperty());

        ListView<WizardReview.Row> rows = new ListView<>(review.rows());
        rows.setId("wizard-review-items");
        rows.setCellFactory(list -> {
            ListCell<WizardReview.Row> cell = new ListCell<>() {
                @Override
                protected void updateItem(WizardReview.Row row, boolean empty) {
                    super.updateItem(row, empty);
                    setText(empty || row == null ? null : row.line());
                }
            };
            // a long execution id and what the executor said wrap within the list instead of scrolling sideways
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(list.widthProperty().subtract(24));
            return cell;
        });
        rows.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                review.selectedIdProperty().set(now.executionId());
            }
        });
        // a reloaded row is a new value: keep the selection on the same execution
        review.rows().addListener((javafx.collections.ListChangeListener<WizardReview.Row>) change -> select(rows,
                review.selectedIdProperty().get()));
        review.selectedIdProperty().addListener((obs, old, now) -> select(rows, now));
        VBox.setVgrow(rows, Priority.ALWAYS);

        Button approveGroup = new Button("Approve group as proposed");
        approveGroup.setId("wizard-approve-group");
        approveGroup.setOnAction(event -> viewModel.approveGroup());
        ComboBox<RecoveryAction> choice = new ComboBox<>(review.choices());
        choice.setId("wizard-choice");
        choice.setPromptText("Another action…");
        choice.disableProperty().bind(Bindings.isEmpty(review.choices()));
        Button choose = new Button("Choose for selected");
        choose.setId("wizard-choose");
        choose.disableProperty().bind(choice.valueProperty().isNull().or(Bindings.isEmpty(review.choices())));
        choose.setOnAction(event -> viewModel.chooseForSelected(choice.getValue()));

        Button back = new Button("◀ Previous group");
        back.setId("wizard-previous-group");
        back.disableProperty().bind(review.firstProperty());
        back.setOnAction(event -> viewModel.previousGroup());
        Button next = new Button("Next group ▶");
        next.setId("wizard-next-group");
        next.disableProperty().bind(review.lastProperty());
        next.setOnAction(event -> viewModel.nextGroup());
        Button apply = new Button("Apply decisions");
        apply.setId("wizard-apply");
        apply.getStyleClass().add("accent");
        apply.setOnAction(event -> viewModel.applyDecisions());

        root.getChildren().addAll(title, rows, new HBox(8, approveGroup, choice, choose), new HBox(8, back, next, apply));
    }

    private static void select(ListView<WizardReview.Row> rows, String executionId) {
        for (WizardReview.Row row : rows.getItems()) {
            if (row.executionId().equals(executionId)) {
                if (rows.getSelectionModel().getSelectedItem() != row) {
                    rows.getSelectionModel().select(row);
                }
                return;
            }
        }
    }

    VBox root() {
        return root;
    }
}
