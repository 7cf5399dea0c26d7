package io.harbormaster.app.desktop.recovery;

import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The recovery screen: the plan's executions grouped by action on the left; on the right the selected one's path
 * through the flowchart with its evidence, the decisions the core allows for it, and recovery events as they come.
 */
public final class RecoveryView {

    private final VBox root = new VBox(10);
    private final RecoveryViewModel viewModel;
    private final TreeView<String> groups = new TreeView<>(new TreeItem<>("plan"));
    private final FlowchartDiagram diagram = new FlowchartDiagram();
    private final Label pathTitle = new Label();
    private boolean syncing;

    public RecoveryView(RecoveryViewModel viewModel, DecisionLogViewModel log) {
        this.viewModel = viewModel;
        root.setId("recovery-screen");
        root.setPadding(new Insets(16));
        Label heading = new Label("Recovery");
        heading.getStyleClass().add("title-3");
        Label message = new Label();
        message.setId("recovery-message");
        message.textProperty().bind(viewModel.messageProperty());

        groups.setId("recovery-groups");
        groups.setShowRoot(false);
        groups.setMinWidth(260);
        groups.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null && now.isLeaf() && now.getParent() != groups.getRoot()) {
                viewModel.selectedIdProperty().set(now.getValue());
            }
        });
        viewModel.groups().addListener((ListChangeListener<RecoveryGroup>) change -> fillGroups());

        pathTitle.setId("recovery-path-title");
        pathTitle.setWrapText(true);
        pathTitle.setMinHeight(Region.USE_PREF_SIZE);
        ScrollPane chart = new ScrollPane(new javafx.scene.Group(diagram.root()));
        chart.setId("recovery-chart");
        VBox.setVgrow(chart, Priority.ALWAYS);
        // the whole path in view when the window allows it; below 60 % the text is unreadable, so it scrolls
        Runnable fit = () -> {
            double width = diagram.root().getPrefWidth();
            double height = diagram.root().getPrefHeight();
            if (width > 0 && height > 0) {
                double scale = Math.max(0.6, Math.min(1, Math.min(chart.getViewportBounds().getWidth() / width,
                        chart.getViewportBounds().getHeight() / height)));
                diagram.root().setScaleX(scale);
                diagram.root().setScaleY(scale);
            }
        };
        chart.viewportBoundsProperty().addListener((obs, old, now) -> fit.run());
        diagram.root().prefHeightProperty().addListener((obs, old, now) -> fit.run());

        ListView<String> activity = new ListView<>(viewModel.activity());
        activity.setId("recovery-activity");
        activity.setPrefHeight(80);
        // the chart scrolls; the events below it keep a few lines whatever the window's height
        activity.setMinHeight(70);

        ListView<String> decisions = new ListView<>(log.lines());
        decisions.setId("recovery-decision-log");
        decisions.getStyleClass().add("monospace");
        Button export = new Button("Export…");
        export.setId("recovery-export-log");
        export.setOnAction(event -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setInitialFileName("decisions.log");
            java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                log.export(file.toPath());
            }
        });
        Label logMessage = new Label();
        logMessage.textProperty().bind(log.messageProperty());
        VBox logPane = new VBox(6, new HBox(8, export, logMessage), decisions);
        VBox.setVgrow(decisions, Priority.ALWAYS);
        javafx.scene.control.TabPane below = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Recovery events", activity),
                new javafx.scene.control.Tab("Decision log", logPane));
        below.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        below.setPrefHeight(140);
        below.setMinHeight(120);
        VBox right = new VBox(8, pathTitle, decisionBar(), chart, below);
        SplitPane split = new SplitPane(groups, right);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.26);
        VBox.setVgrow(split, Priority.ALWAYS);

        root.getChildren().addAll(heading, planBar(), message, split);
        viewModel.selectedProperty().addListener((Observable obs) -> redraw());
        viewModel.graphProperty().addListener((Observable obs) -> redraw());
        fillGroups();
        redraw();
    }

    public Region root() {
        return root;
    }

    private HBox planBar() {
        Button safe = new Button("Approve all safe");
        safe.setId("recovery-approve-safe");
        safe.setOnAction(event -> viewModel.approveAllSafe());
        Button all = new Button("Approve all");
        all.setId("recovery-approve-all");
        all.setOnAction(event -> viewModel.approveAll());
        Button apply = new Button("Apply approved");
        apply.setId("recovery-apply");
        apply.getStyleClass().add("accent");
        apply.setOnAction(event -> viewModel.apply());
        return new HBox(8, safe, all, apply);
    }

    private HBox decisionBar() {
        Button approve = new Button("Approve");
        approve.setId("recovery-approve");
        approve.setOnAction(event -> viewModel.approveSelected());
        ComboBox<RecoveryAction> choice = new ComboBox<>(viewModel.choices());
        choice.setId("recovery-override-choice");
        choice.setPromptText("Another action…");
        Button override = new Button("Choose");
        override.setId("recovery-override");
        override.disableProperty().bind(choice.valueProperty().isNull());
        override.setOnAction(event -> viewModel.overrideSelected(choice.getValue()));
        approve.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.choices()));
        choice.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.choices()));
        return new HBox(8, approve, choice, override);
    }

    private void fillGroups() {
        syncing = true;
        try {
            groups.getRoot().getChildren().clear();
            TreeItem<String> selected = null;
            for (RecoveryGroup group : viewModel.groups()) {
                TreeItem<String> parent = new TreeItem<>(group.title());
                parent.setExpanded(true);
                for (PlanItem item : group.items()) {
                    TreeItem<String> leaf = new TreeItem<>(item.executionId());
                    parent.getChildren().add(leaf);
                    if (item.executionId().equals(viewModel.selectedIdProperty().get())) {
                        selected = leaf;
                    }
                }
                groups.getRoot().getChildren().add(parent);
            }
            if (selected != null) {
                groups.getSelectionModel().select(selected);
            }
        } finally {
            syncing = false;
        }
    }

    private void redraw() {
        PlanItem item = viewModel.selectedProperty().get();
        pathTitle.setText(item == null ? "No execution waits for recovery."
                : item.executionId() + ": proposed " + item.proposed() + ", chosen " + item.chosen() + " ("
                        + item.status() + (item.decidedBy() == null ? "" : " by " + item.decidedBy())
                        + (item.outcome() == null ? "" : "; " + item.outcome()) + ")");
        diagram.draw(viewModel.graphProperty().get(), viewModel.litNodes(), viewModel.litEdges(), viewModel.evidence());
    }
}
