package io.harbormaster.core.cli;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.api.EventStream;
import io.harbormaster.core.api.NodeUnreachableException;
import io.harbormaster.core.api.SpecFormat;
import io.harbormaster.core.api.SubmitResult;
import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.node.NodeEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harbormaster submit FILE [--wait]}. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Submits a Bacalhau v1 job (YAML, or JSON for .json files) and prints its execution id.",
            "The file is sent as it is, so problems are reported at its own line numbers."})
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The job spec.")
    Path file;

    @Option(names = "--wait", description = "Wait until the execution ends; exit 0 only if it COMPLETED.")
    boolean wait;

    @Override
    public Integer call() {
        String text = readSpec();
        SpecFormat format = SpecFormat.forFile(file);
        ApiClient client = dataDir.connect();
        if (!wait) {
            report(client.submit(text, format));
            return ExitCode.OK;
        }
        // subscribe before submitting, so the execution cannot end unseen in between
        try (EventStream events = client.events()) {
            SubmitResult result = client.submit(text, format);
            report(result);
            Execution finished = awaitEnd(client, events, result.executionId());
            PrintWriter err = spec.commandLine().getErr();
            err.println(finished.id() + " " + finished.state()
                    + (finished.exitCode() == null ? "" : " (exit code " + finished.exitCode() + ")"));
            err.flush();
            return finished.state() == ExecutionState.COMPLETED ? ExitCode.OK : ExitCode.EXECUTION_FAILED;
        } catch (IOException e) {
            throw lostNode(e);
        }
    }

    private String readSpec() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "Cannot read " + file + ": " + e);
        }
    }

    private void report(SubmitResult result) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.executionId());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        result.warnings().forEach(warning -> err.println("Warning: " + warning));
        err.flush();
    }

    private Execution awaitEnd(ApiClient client, EventStream events, String executionId) throws IOException {
        Execution current = client.describe(executionId).execution();
        while (!current.state().isTerminal()) {
            Optional<NodeEvent> event = events.next();
            if (event.isEmpty()) {
                throw lostNode(null);
            }
            NodeEvent e = event.get();
            if (executionId.equals(e.executionId()) && e.state() != null && e.state().isTerminal()) {
                current = client.describe(executionId).execution();
            }
        }
        return current;
    }

    private NodeUnreachableException lostNode(IOException cause) {
        return new NodeUnreachableException("The node stopped answering before the execution ended; "
                + "check it later with: harbormaster describe ID", "event stream ended", cause);
    }
}
