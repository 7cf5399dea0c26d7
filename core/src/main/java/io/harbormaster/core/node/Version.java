package io.harbormaster.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Harbormaster version, from a resource Maven fills in at build time. */
public final class Version {

    private static final String RESOURCE = "/io/harbormaster/core/version.properties";
    private static final String VERSION = load();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException unreadable) {
            return "dev";
        }
    }
}
