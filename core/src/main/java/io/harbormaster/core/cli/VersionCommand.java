package io.harbormaster.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code harbormaster version}: needs no node. */
@Command(name = "version", description = "Prints this program's version and the Java it runs on.")
public final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new BuildVersion().getVersion()) {
            out.println(line);
        }
        out.flush();
    }
}
