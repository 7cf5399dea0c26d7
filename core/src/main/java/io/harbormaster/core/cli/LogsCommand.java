package io.harbormaster.core.cli;

import io.harbormaster.core.api.LogStream;
import io.harbormaster.core.api.NodeUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harbormaster logs ID [--follow]}. */
@Command(name = "logs", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Prints an execution's output.")
public final class LogsCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The execution id.")
    String executionId;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the execution ends.")
    boolean follow;

    @Option(names = "--stream", defaultValue = "both", paramLabel = "STREAM",
            description = "stdout, stderr or both (default: ${DEFAULT-VALUE}).")
    LogStream stream;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream logs = dataDir.connect().logs(executionId, follow, stream);
             Reader reader = new InputStreamReader(logs, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            throw new NodeUnreachableException("Lost the connection to the node while reading logs: " + e.getMessage(),
                    "log stream of " + executionId + " broke", e);
        }
    }
}
