package io.harbormaster.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiJson;
import io.harbormaster.core.api.ExecutionDetails;
import io.harbormaster.core.execution.Execution;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harbormaster describe ID}. */
@Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Shows one execution: its spec, state, exit code, attempts and history.")
public final class DescribeCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id.")
    String executionId;

    @Override
    public void run() {
        ExecutionDetails details = dataDir.connect().describe(executionId);
        PrintWriter out = spec.commandLine().getOut();
        if (!output.isTable()) {
            output.print(out, details);
            return;
        }
        ExecutionTable table = new ExecutionTable(Clock.systemDefaultZone());
        Execution e = details.execution();
        field(out, "ID", e.id());
        field(out, "Job", e.spec().name() + " (" + e.jobId() + ")");
        field(out, "Type", e.spec().type().specName());
        field(out, "Engine", e.engineType());
        field(out, "State", e.state() + (e.reason() == null ? "" : " - " + e.reason()));
        field(out, "Exit code", e.exitCode() == null ? "-" : e.exitCode().toString());
        field(out, "Attempts", Integer.toString(e.attempts()));
        field(out, "Created", table.time(e.createdAt()));
        field(out, "Started", table.time(e.startedAt()));
        field(out, "Finished", table.time(e.finishedAt()));
        field(out, "Duration", table.duration(e));
        out.println("Spec:");
        specYaml(e).lines().forEach(line -> out.println("  " + line));
        out.println("History:");
        table.printHistory(out, details.history());
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("%-11s %s%n", name + ":", value);
    }

    private static String specYaml(Execution execution) {
        try {
            return ApiJson.readableYamlMapper().writeValueAsString(execution.spec());
        } catch (JsonProcessingException e) {
            throw new HarbormasterException("Cannot show the spec of " + execution.id() + ": " + e.getOriginalMessage(), e);
        }
    }
}
