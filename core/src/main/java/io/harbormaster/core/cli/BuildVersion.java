package io.harbormaster.core.cli;

import io.harbormaster.core.node.Version;
import picocli.CommandLine.IVersionProvider;

/** Prints this build's version for {@code --version} and {@code version}. */
public final class BuildVersion implements IVersionProvider {

    public static String version() {
        return Version.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "harbormaster " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
            // says which runtime answered: the installed app's own, or a JDK found on the machine
            "Java home: " + System.getProperty("java.home", "unknown")
        };
    }
}
