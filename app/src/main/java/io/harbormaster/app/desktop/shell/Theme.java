package io.harbormaster.app.desktop.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;

/** The two looks the operator can switch between. */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    /** The AtlantaFX user-agent stylesheet for this theme. */
    public String userAgentStylesheet() {
        return this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }

    /** Reads a saved name; anything unknown is the light theme. */
    public static Theme parse(String name) {
        return name != null && name.strip().toUpperCase(Locale.ROOT).equals("DARK") ? DARK : LIGHT;
    }

    @Override
    public String toString() {
        return label;
    }
}
