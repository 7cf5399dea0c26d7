package io.harbormaster.app.desktop.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Font icons for buttons and navigation: crisp at any scale and coloured by the theme. */
public final class Icons {

    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("hm-icon");
        return icon;
    }
}
