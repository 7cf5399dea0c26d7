package io.harbormaster.app.desktop.shell;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The application icon in every size the icons module ships; none at all is fine (a plain window). */
final class WindowIcons {

    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private WindowIcons() {
    }

    static List<Image> load() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream png = WindowIcons.class.getResourceAsStream(
                    "/io/harbormaster/icons/harbormaster-" + size + ".png")) {
                if (png != null) {
                    icons.add(new Image(png));
                }
            } catch (IOException unreadable) {
                // an unreadable icon is left out like a missing one
            }
        }
        return icons;
    }
}
