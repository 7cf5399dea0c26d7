package io.harbormaster.core.cli;

import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.reset.ResetItem;
import io.harbormaster.core.reset.ResetOutcome;
import io.harbormaster.core.reset.ResetPlan;
import io.harbormaster.core.reset.ResetReport;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code harbormaster reset --dry-run [--all]} and {@code harbormaster reset --apply PLAN_ID}. Both go
 * through the running node: it alone writes the store and holds the executors that prove a container ours.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {
            "Removes what this node left behind: containers with its label, plugin processes, sockets and work dirs.",
            "First --dry-run: it lists everything with why we know it is ours, and prints a plan id.",
            "Then --apply PLAN_ID removes exactly what that plan showed, checking each item again first.",
            "Nothing that cannot be proven ours is touched. Needs the node running on the data directory."
        })
public final class ResetCommand implements Runnable {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Step step;

    static final class Step {
        @Option(names = "--dry-run", required = true, description = "List what a reset would do and save the plan.")
        boolean dryRun;

        @Option(names = "--apply", required = true, paramLabel = "PLAN_ID", description = "Apply a saved plan.")
        String planId;
    }

    @Option(names = "--all", description = "With --dry-run: also stop every live execution (recorded CANCELLED).")
    boolean all;

    @Override
    public void run() {
        ApiClient node = dataDir.connect();
        PrintWriter out = spec.commandLine().getOut();
        if (step.dryRun) {
            ResetPlan plan = node.planReset(all);
            out.println("Reset plan " + plan.id() + " (" + plan.mode() + ", " + plan.items().size() + " items, "
                    + plan.actionable().size() + " to act on):");
            for (ResetItem item : plan.items()) {
                out.println("  " + item.describe());
            }
            out.println("Nothing was changed. To apply exactly this plan: harbormaster reset --apply " + plan.id());
        } else {
            ResetReport report = node.applyReset(step.planId);
            for (ResetOutcome outcome : report.outcomes()) {
                out.println("  " + outcome.describe());
            }
            out.println("Reset plan " + report.planId() + " applied: " + report.count(ResetOutcome.Result.STOPPED)
                    + " stopped, " + report.count(ResetOutcome.Result.REMOVED) + " removed, "
                    + report.count(ResetOutcome.Result.ALREADY_GONE) + " already gone, "
                    + report.count(ResetOutcome.Result.REFUSED) + " refused, "
                    + report.count(ResetOutcome.Result.FAILED) + " failed");
        }
        out.flush();
    }
}
