package io.harbormaster.app.desktop.status;

import io.harbormaster.app.desktop.node.BackgroundTasks;
import io.harbormaster.app.desktop.node.EmbeddedNode;
import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.core.node.ComputeNode;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The status bar: the node's state, the Docker engine and the plugin processes, each in words. */
public final class StatusViewModel {

    private final BackgroundTasks tasks;
    private final ObjectProperty<NodeState> nodeState = new SimpleObjectProperty<>(NodeState.STARTING);
    private final StringProperty nodeText = new SimpleStringProperty(NodeState.STARTING.label());
    private final StringProperty docker = new SimpleStringProperty("Docker: not checked yet");
    private final BooleanProperty dockerReachable = new SimpleBooleanProperty();
    private final StringProperty plugins = new SimpleStringProperty("Plugins: not checked yet");
    private boolean probing;

    public StatusViewModel(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    public void onNodeStatus(EmbeddedNode.Status status) {
        nodeState.set(status.state());
        nodeText.set(status.message());
    }

    /** Looks at the engines again unless the previous look is still waiting on one. */
    public void probe(ComputeNode node) {
        if (node == null || probing) {
            return;
        }
        probing = true;
        tasks.run(() -> EngineHealth.probe(node), health -> {
            probing = false;
            docker.set(health.docker());
            dockerReachable.set(health.dockerReachable());
            plugins.set(health.pluginsText());
        }, failed -> {
            probing = false;
            docker.set("Docker: not checked — " + failed.getMessage());
        });
    }

    public ObjectProperty<NodeState> nodeStateProperty() {
        return nodeState;
    }

    public StringProperty nodeTextProperty() {
        return nodeText;
    }

    public StringProperty dockerProperty() {
        return docker;
    }

    public BooleanProperty dockerReachableProperty() {
        return dockerReachable;
    }

    public StringProperty pluginsProperty() {
        return plugins;
    }
}
