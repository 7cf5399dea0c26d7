package io.harbormaster.core.api;

import java.nio.file.Path;
import java.util.Locale;

/** How a submitted job is written; decides the request's Content-Type. */
public enum SpecFormat {
    JSON("application/json"),
    YAML("application/yaml");

    private final String mediaType;

    SpecFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** JSON for {@code .json} files, YAML for the rest (Bacalhau's examples are YAML). */
    public static SpecFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? JSON : YAML;
    }
}
