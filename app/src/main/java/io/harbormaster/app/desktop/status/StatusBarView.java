package io.harbormaster.app.desktop.status;

import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.shell.Icons;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The ControlsFX status bar along the bottom of the window. */
public final class StatusBarView {

    private final StatusBar bar = new StatusBar();

    public StatusBarView(StatusViewModel viewModel) {
        bar.setId("status-bar");
        bar.textProperty().bind(viewModel.nodeTextProperty());
        bar.progressProperty().bind(Bindings.createDoubleBinding(
                () -> viewModel.nodeStateProperty().get() == NodeState.STARTING
                        || viewModel.nodeStateProperty().get() == NodeState.STOPPING ? -1.0 : 0.0,
                viewModel.nodeStateProperty()));
        Label docker = new Label("", Icons.of(MaterialDesignD.DOCKER));
        docker.setId("status-docker");
        docker.textProperty().bind(viewModel.dockerProperty());
        Tooltip dockerTip = new Tooltip();
        dockerTip.textProperty().bind(viewModel.dockerProperty());
        docker.setTooltip(dockerTip);
        docker.setMaxWidth(420);
        viewModel.dockerReachableProperty().addListener((obs, old, reachable) -> {
            docker.getStyleClass().removeAll("status-ok", "status-bad");
            docker.getStyleClass().add(reachable ? "status-ok" : "status-bad");
        });
        Label plugins = new Label("", Icons.of(MaterialDesignP.PUZZLE_OUTLINE));
        plugins.setId("status-plugins");
        plugins.textProperty().bind(viewModel.pluginsProperty());
        bar.getRightItems().addAll(new Separator(javafx.geometry.Orientation.VERTICAL), docker,
                new Separator(javafx.geometry.Orientation.VERTICAL), plugins);
    }

    public StatusBar root() {
        return bar;
    }
}
