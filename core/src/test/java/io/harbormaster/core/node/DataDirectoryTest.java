package io.harbormaster.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private static final Path HOME = Path.of("/home/ops");

    @Test
    void linuxUsesXdgDataHomeWhenSet() {
        assertThat(DataDirectory.defaultLocation("Linux", Map.of("XDG_DATA_HOME", "/srv/data"), HOME))
                .isEqualTo(Path.of("/srv/data/harbormaster"));
    }

    @Test
    void linuxFallsBackToLocalShareWithoutXdg() {
        assertThat(DataDirectory.defaultLocation("Linux", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ops/.local/share/harbormaster"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectory.defaultLocation("Mac OS X", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ops/Library/Application Support/Harbormaster"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(DataDirectory.defaultLocation("Windows 11", Map.of("APPDATA", "/c/Users/ops/AppData/Roaming"), HOME))
                .isEqualTo(Path.of("/c/Users/ops/AppData/Roaming/Harbormaster"));
    }
}
