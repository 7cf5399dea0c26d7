package io.harbormaster.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** This build's version: from the resource Maven filters, else the jar manifest, else "dev". */
public final class BuildVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                // an unfiltered copy (an IDE build) still holds the placeholder
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String manifest = BuildVersion.class.getPackage().getImplementationVersion();
        return manifest == null ? "dev" : manifest;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "harbormaster " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }
}
