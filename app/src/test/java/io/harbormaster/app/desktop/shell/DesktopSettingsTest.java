package io.harbormaster.app.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void windowPlaceAndThemeSurviveARestart() {
        DesktopSettings settings = DesktopSettings.load(dataDir);
        settings.setWindowPlace(new DesktopSettings.WindowPlace(10, 20, 900, 600, true));
        settings.setTheme(Theme.DARK);
        settings.save();

        DesktopSettings reloaded = DesktopSettings.load(dataDir);

        assertThat(reloaded.windowPlace()).contains(new DesktopSettings.WindowPlace(10, 20, 900, 600, true));
        assertThat(reloaded.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void aMissingOrGarbledFileMeansDefaults() throws Exception {
        assertThat(DesktopSettings.load(dataDir).windowPlace()).isEmpty();
        assertThat(DesktopSettings.load(dataDir).theme()).isEqualTo(Theme.LIGHT);

        Files.writeString(dataDir.resolve("desktop.properties"), "window.width=wide\nwindow.height=7\ntheme=purple\n");

        assertThat(DesktopSettings.load(dataDir).windowPlace()).isEmpty();
        assertThat(DesktopSettings.load(dataDir).theme()).isEqualTo(Theme.LIGHT);
    }
}
