package io.harbormaster.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code harbormaster} command. Build it with {@link #commandLine(Object...)}, which also wires
 * the error reporting and exit codes; the app module adds its own subcommands there.
 */
@Command(name = "harbormaster", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Runs Bacalhau v1 jobs on this machine and keeps track of them across restarts.",
        subcommands = {
            NodeCommand.class,
            SubmitCommand.class,
            ListCommand.class,
            DescribeCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            RecoveryCommand.class,
            ShutdownCommand.class,
            ResetCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class,
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  Success.",
            "  1  submit --wait: the execution ended FAILED or CANCELLED;",
            "     or the node could not do what was asked.",
            "  2  Usage error, invalid job spec, or unknown execution id.",
            "  3  No node is running on the data directory,",
            "     or it refused this client's token.",
        })
public final class HarbormasterCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage help, exit 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The root command with every built-in subcommand, then {@code extraSubcommands} (instances or
     * {@code @Command} classes), ready to {@code execute(args)}.
     */
    public static CommandLine commandLine(Object... extraSubcommands) {
        CommandLine commandLine = new CommandLine(new HarbormasterCommand());
        for (Object subcommand : extraSubcommands) {
            commandLine.addSubcommand(subcommand);
        }
        // set after adding: picocli copies these settings only to the subcommands present now
        FailureReporter reporter = new FailureReporter();
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setExitCodeExceptionMapper(reporter);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
