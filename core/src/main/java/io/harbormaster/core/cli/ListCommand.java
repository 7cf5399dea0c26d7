package io.harbormaster.core.cli;

import io.harbormaster.core.api.ExecutionList;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code harbormaster list}. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Lists executions, newest first.")
public final class ListCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only these states, comma-separated: ${COMPLETION-CANDIDATES}.")
    List<ExecutionState> states = List.of();

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public void run() {
        Set<ExecutionState> wanted = states.isEmpty() ? Set.of() : EnumSet.copyOf(states);
        List<Execution> executions = dataDir.connect().list(wanted, limit);
        if (output.isTable()) {
            new ExecutionTable(Clock.systemDefaultZone()).printExecutions(spec.commandLine().getOut(), executions);
        } else {
            output.print(spec.commandLine().getOut(), new ExecutionList(executions));
        }
    }
}
