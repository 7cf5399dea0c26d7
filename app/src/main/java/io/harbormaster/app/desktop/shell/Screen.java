package io.harbormaster.app.desktop.shell;

/** The screens of the window, in navigation order. */
public enum Screen {
    EXECUTIONS("Executions"),
    SUBMIT("Submit"),
    SETTINGS("Settings"),
    RECOVERY("Recovery"),
    ENVIRONMENT("Environment");

    private final String label;

    Screen(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
