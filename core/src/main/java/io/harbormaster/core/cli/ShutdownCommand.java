package io.harbormaster.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code harbormaster shutdown [--stop-executions]}. */
@Command(name = "shutdown", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Stops the node. By default it detaches: executions that run outside the node (containers, plugin processes) keep running for the next start to find.", "In-process executions (batch WebAssembly) end with the node."})
public final class ShutdownCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Option(names = "--stop-executions", description = "Stop the running executions first (recorded CANCELLED).")
    boolean stopExecutions;

    @Override
    public void run() {
        dataDir.connect().shutdown(stopExecutions);
        PrintWriter out = spec.commandLine().getOut();
        out.println(stopExecutions
                ? "The node is stopping its executions, then itself."
                : "The node is stopping (detach): executions outside the node keep running for the next start to find.");
        out.flush();
    }
}
