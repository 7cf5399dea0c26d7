package io.harbormaster.app.desktop.node;

/** What the embedded node is doing, as the status bar shows it. */
public enum NodeState {
    STARTING("Node starting"),
    READY("Node ready"),
    FAILED("Node not running"),
    STOPPING("Node stopping"),
    STOPPED("Node stopped");

    private final String label;

    NodeState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
