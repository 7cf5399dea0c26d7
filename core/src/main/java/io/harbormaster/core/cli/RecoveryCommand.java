package io.harbormaster.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.harbormaster.core.HarbormasterException;
import io.harbormaster.core.api.ApiClient;
import io.harbormaster.core.api.ApiJson;
import io.harbormaster.core.api.RecoveryView;
import io.harbormaster.core.recovery.FlowchartText;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryPlan;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code harbormaster recovery plan|approve|override|apply}: the operator's side of the recovery plan. */
@Command(name = "recovery", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Show the recovery plan made at the node's start and decide on it.",
                "Safe actions (REATTACH, ADOPT_RESULT, RESUME) are applied at once under --approve safe;",
                "the others wait here for an operator."},
        subcommands = {RecoveryCommand.Plan.class, RecoveryCommand.Approve.class, RecoveryCommand.OverrideAction.class,
            RecoveryCommand.Apply.class})
public final class RecoveryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Who the decision log names for decisions taken from this CLI. */
    static String who() {
        return "user:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = {"Print the plan: each execution's path, evidence, proposed and chosen action.",
                    "--output text draws the seed's flowchart with the executions on each edge."})
    static final class Plan implements Runnable {
        @Mixin
        DataDirOption dataDir;
        @Spec
        CommandSpec spec;
        @Option(names = {"-o", "--output"}, paramLabel = "table|json|text", defaultValue = "table",
                description = "Output format (default: ${DEFAULT-VALUE}).")
        String output;

        @Override
        public void run() {
            print(spec.commandLine().getOut(), dataDir.connect().recoveryPlan(), output);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Approve the proposed action of executions; 'recovery apply' carries them out.")
    static final class Approve implements Runnable {
        @Mixin
        DataDirOption dataDir;
        @Spec
        CommandSpec spec;
        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "ID", arity = "1..*", description = "Execution ids in the plan.")
            List<String> ids;
            @Option(names = "--all-safe", description = "Every undecided item whose proposed action is safe.")
            boolean allSafe;
            @Option(names = "--all", description = "Every undecided item, as proposed.")
            boolean all;
        }

        @Override
        public void run() {
            RecoveryView view = dataDir.connect().approveRecovery(which.ids, which.allSafe, which.all, who());
            print(spec.commandLine().getOut(), view, "table");
        }
    }

    @Command(name = "override", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Choose another allowed action for one execution (and approve it).")
    static final class OverrideAction implements Runnable {
        @Mixin
        DataDirOption dataDir;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "The execution id.")
        String executionId;
        @Parameters(index = "1", paramLabel = "ACTION", description = "REATTACH, ADOPT_RESULT, RESUME, RERUN, FAIL, "
                + "CANCEL or WAIT; what the executor said limits the choice.")
        String action;

        @Override
        public void run() {
            print(spec.commandLine().getOut(), dataDir.connect().overrideRecovery(executionId, action, who()), "table");
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = {"Apply every approved action. Each execution is probed again first;",
                    "one whose answer changed goes back to proposed instead."})
    static final class Apply implements Runnable {
        @Mixin
        DataDirOption dataDir;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ApiClient client = dataDir.connect();
            print(spec.commandLine().getOut(), client.applyRecovery(who()), "table");
        }
    }

    static void print(PrintWriter out, RecoveryView view, String output) {
        RecoveryPlan plan = view.plan();
        switch (output) {
            case "json" -> {
                try {
                    out.println(ApiJson.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(view));
                } catch (JsonProcessingException e) {
                    throw new HarbormasterException("Cannot print the plan as JSON: " + e.getOriginalMessage(), e);
                }
            }
            case "text" -> {
                printPreviousRun(out, view);
                out.print(plan == null ? "No recovery plan: nothing was live when the node started.\n"
                        : FlowchartText.render(view.graph(), plan));
            }
            case "table" -> {
                printPreviousRun(out, view);
                if (plan == null) {
                    out.println("No recovery plan: nothing was live when the node started.");
                    break;
                }
                out.println("Plan " + plan.planId() + " (policy " + plan.policy().configName() + ", approval "
                        + plan.approval() + ")");
                TextTable table = new TextTable("EXECUTION", "STATUS", "PROPOSED", "CHOSEN", "BY", "EXECUTOR SAID",
                        "EVIDENCE / OUTCOME");
                for (PlanItem item : plan.items()) {
                    table.row(item.executionId(), item.status().name(), item.proposed().name(), item.chosen().name(),
                            item.decidedBy() == null ? "-" : item.decidedBy(), item.trace().observed(),
                            item.outcome() != null ? item.outcome() : lastEvidence(item));
                }
                table.print(out);
            }
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new RecoveryCommand()),
                    "--output must be table, json or text, not '" + output + "'");
        }
        out.flush();
    }

    /**
     * The start this node made, and the one the plan recovers from when that is another (the plan is kept across a
     * later restart that found nothing live).
     */
    private static void printPreviousRun(PrintWriter out, RecoveryView view) {
        if (view.previousRun() != null) {
            out.println("This start: " + view.previousRun().describe());
        }
        RecoveryPlan plan = view.plan();
        if (plan != null && !plan.previousRun().equals(view.previousRun())) {
            out.println("The plan's start: " + plan.previousRun().describe());
        }
    }

    private static String lastEvidence(PlanItem item) {
        var steps = item.trace().steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).evidence().isEmpty()) {
                return steps.get(i).evidence();
            }
        }
        return "";
    }
}
