package io.harbormaster.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class HarbormasterCommandTest {

    @TempDir
    Path tmp;

    @Test
    void noArgumentsPrintsUsageWithExitCodesAndSucceeds() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: harbormaster", "submit", "describe", "shutdown", "Exit codes:",
                "3  No node is running");
    }

    @Test
    void versionCommandWorksWithoutANode() {
        CliRun run = CliRun.of("version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("harbormaster 0.1.0-SNAPSHOT").contains("Java " + Runtime.version())
                .contains("Java home: " + System.getProperty("java.home"));
    }

    @Test
    void versionOptionPrintsTheSameAsTheCommand() {
        assertThat(CliRun.of("--version").out()).isEqualTo(CliRun.of("version").out());
    }

    @Test
    void everySubcommandAnswersHelpAndVersionWithoutANode() {
        for (String command : new String[] {"submit", "list", "describe", "logs", "cancel", "shutdown"}) {
            assertThat(CliRun.of(command, "--help").out()).as(command).contains("Usage: harbormaster " + command, "--data-dir");
            assertThat(CliRun.of(command, "--version").out()).as(command).startsWith("harbormaster ");
        }
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void missingRequiredArgumentIsAUsageError() {
        assertThat(CliRun.of("describe", "--data-dir", tmp.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void commandWithoutARunningNodeExitsThreeAndSaysHowToStartOne() {
        CliRun run = CliRun.of("list", "--data-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.NODE_UNREACHABLE);
        assertThat(run.err()).contains("No node is running on " + tmp, "harbormaster node --data-dir")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void extraSubcommandIsRegisteredAndRuns() {
        CliRun run = CliRun.of(HarbormasterCommand.commandLine(new Extra()), "extra");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("extra ran\n");
        assertThat(CliRun.of(HarbormasterCommand.commandLine(new Extra())).out()).contains("extra");
    }

    @Command(name = "extra", description = "A subcommand another module adds.")
    static final class Extra implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print("extra ran\n");
            spec.commandLine().getOut().flush();
        }
    }
}
