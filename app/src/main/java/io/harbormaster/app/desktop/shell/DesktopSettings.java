package io.harbormaster.app.desktop.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window remembers between runs (its place and size, the theme), in a small file beside the
 * node's {@code config.yaml}: each data dir keeps its own, and deleting the data dir forgets it.
 */
public final class DesktopSettings {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopSettings.class);

    /** Where and how big the window was. */
    public record WindowPlace(double x, double y, double width, double height, boolean maximized) {
    }

    private final Path file;
    private final Properties values = new Properties();

    private DesktopSettings(Path file) {
        this.file = file;
    }

    /** The settings in {@code dataDir}; a missing or unreadable file means defaults. */
    public static DesktopSettings load(Path dataDir) {
        DesktopSettings settings = new DesktopSettings(dataDir.resolve("desktop.properties"));
        if (Files.isRegularFile(settings.file)) {
            try (Reader in = Files.newBufferedReader(settings.file, StandardCharsets.UTF_8)) {
                settings.values.load(in);
            } catch (IOException | IllegalArgumentException unreadable) {
                LOG.warn("Ignoring {}: {}", settings.file, unreadable.getMessage());
            }
        }
        return settings;
    }

    public Theme theme() {
        return Theme.parse(values.getProperty("theme"));
    }

    public void setTheme(Theme theme) {
        values.setProperty("theme", theme.name());
    }

    public Optional<WindowPlace> windowPlace() {
        try {
            double width = Double.parseDouble(values.getProperty("window.width", "0"));
            double height = Double.parseDouble(values.getProperty("window.height", "0"));
            if (width < 200 || height < 150) {
                return Optional.empty();
            }
            return Optional.of(new WindowPlace(Double.parseDouble(values.getProperty("window.x", "0")),
                    Double.parseDouble(values.getProperty("window.y", "0")), width, height,
                    Boolean.parseBoolean(values.getProperty("window.maximized", "false"))));
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
    }

    public void setWindowPlace(WindowPlace place) {
        values.setProperty("window.x", Double.toString(place.x()));
        values.setProperty("window.y", Double.toString(place.y()));
        values.setProperty("window.width", Double.toString(place.width()));
        values.setProperty("window.height", Double.toString(place.height()));
        values.setProperty("window.maximized", Boolean.toString(place.maximized()));
    }

    /** Writes the file whole or not at all; a failure is logged, since losing a window size harms nobody. */
    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(out, "Harbormaster desktop window");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException unwritable) {
            LOG.warn("Could not remember the window's settings in {}: {}", file, unwritable.getMessage());
        }
    }
}
