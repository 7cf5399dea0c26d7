package io.harbormaster.core.cli;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harbormaster cancel ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Stops an execution and records it CANCELLED; a finished one is left as it is.")
public final class CancelCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id.")
    String executionId;

    @Override
    public void run() {
        Execution execution = dataDir.connect().cancel(executionId);
        PrintWriter out = spec.commandLine().getOut();
        if (execution.state() == ExecutionState.CANCELLED) {
            out.println(execution.id() + " CANCELLED");
        } else {
            out.println(execution.id() + " had already ended " + execution.state() + "; nothing to cancel");
        }
        out.flush();
    }
}
