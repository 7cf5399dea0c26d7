package io.harbormaster.app.desktop.environment;

import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetMode;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The environment screen: what the node owns as a table with orphans marked and the proof beside each; a reset
 * of orphans or a full reset from that preview, confirmed by a question naming what goes, with progress.
 */
public final class EnvironmentView {

    private final VBox root = new VBox(10);

    public EnvironmentView(EnvironmentViewModel viewModel) {
        root.setId("environment-screen");
        root.setPadding(new Insets(16));
        Label heading = new Label("Environment");
        heading.getStyleClass().add("title-3");

        ChoiceBox<ResetMode> mode = new ChoiceBox<>();
        mode.setId("environment-mode");
        mode.getItems().setAll(ResetMode.values());
        mode.valueProperty().bindBidirectional(viewModel.modeProperty());
        Button preview = new Button("Preview again");
        preview.setId("environment-preview");
        preview.setOnAction(event -> viewModel.preview());
        Button apply = new Button("Reset…");
        apply.setId("environment-apply");
        apply.getStyleClass().add("danger");
        apply.disableProperty().bind(viewModel.planProperty().isNull());
        apply.setOnAction(event -> confirm(viewModel));
        HBox bar = new HBox(8, new Label("Reset"), mode, preview, apply);

        Label message = new Label();
        message.setId("environment-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        TableView<ResetItem> table = new TableView<>(viewModel.items());
        table.setId("environment-items");
        table.getColumns().add(column("Kind", 110, ResetItem::kind));
        table.getColumns().add(column("What", 260, ResetItem::id));
        table.getColumns().add(column("Whose", 110, item -> item.ownership().name()));
        table.getColumns().add(column("Reset does", 100, item -> item.action().name()));
        table.getColumns().add(column("Why we know", 420, ResetItem::proof));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(ResetItem item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("reset-orphan", "reset-live", "reset-not-proven");
                if (!empty && item != null) {
                    getStyleClass().add("reset-" + item.ownership().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-'));
                }
            }
        });
        table.setPlaceholder(new Label("The node owns nothing outside its store."));
        VBox.setVgrow(table, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("environment-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.progressProperty());
        ListView<String> outcomes = new ListView<>(viewModel.outcomes());
        outcomes.setId("environment-outcomes");
        outcomes.setPrefHeight(120);

        root.getChildren().addAll(heading, bar, message, table, progress, outcomes);
    }

    public Region root() {
        return root;
    }

    private static TableColumn<ResetItem, String> column(String title, double width, Function<ResetItem, String> value) {
        TableColumn<ResetItem, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> (ObservableValue<String>) new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private void confirm(EnvironmentViewModel viewModel) {
        String what = viewModel.confirmation();
        if (what.isEmpty()) {
            viewModel.messageProperty().set("Nothing to remove in this plan.");
            return;
        }
        Alert question = new Alert(Alert.AlertType.CONFIRMATION, what, ButtonType.CANCEL, ButtonType.OK);
        question.setHeaderText("Reset the environment?");
        question.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        Optional<ButtonType> answer = question.showAndWait();
        if (answer.isPresent() && answer.get() == ButtonType.OK) {
            viewModel.apply();
        }
    }
}
