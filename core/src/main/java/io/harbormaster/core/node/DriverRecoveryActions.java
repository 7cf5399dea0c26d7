package io.harbormaster.core.node;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.execution.ExecutionState;
import io.harbormaster.core.executor.ExitResult;
import io.harbormaster.core.plugin.PluginReattach;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryAction;
import io.harbormaster.core.recovery.RecoveryActions;
import io.harbormaster.core.recovery.RecoveryGraph;
import io.harbormaster.core.recovery.TraceStep;
import io.harbormaster.core.store.Transition;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies recovery actions through the execution driver. Each is idempotent: the state transitions are
 * compare-and-set on the fresh value, and a re-run that already moved the execution past the attempt it was planned
 * at is continued, never taken again.
 */
final class DriverRecoveryActions implements RecoveryActions {

    private static final Logger LOG = LoggerFactory.getLogger(DriverRecoveryActions.class);

    private final ComputeNode node;

    DriverRecoveryActions(ComputeNode node) {
        this.node = node;
    }

    @Override
    public String apply(Execution current, PlanItem item) {
        RecoveryAction action = item.chosen();
        if (action == RecoveryAction.WAIT) {
            return "left as it is";
        }
        if (current.state().isTerminal()) {
            return "nothing done: the execution is already " + current.state();
        }
        ExecutionDriver driver = node.driver();
        String evidence = item.trace().evidenceLine();
        Execution execution = current;
        PluginReattach.Status plugin = item.trace().pluginStatus();
        if (execution.reattach() != null && (plugin == PluginReattach.Status.DEAD
                || plugin == PluginReattach.Status.PID_REUSED) && action != RecoveryAction.CANCEL) {
            // the in-process executor answered for it, so it serves it from now on
            execution = driver.forgetPlugin(execution.id(), "plugin gone at restart: " + item.trace().steps().stream()
                    .filter(s -> s.node().equals(RecoveryGraph.PLUGIN_RESPONDING)).map(TraceStep::evidence)
                    .findFirst().orElse(""));
        }
        LOG.info("Execution {}: {} (proposed {}; {})", execution.id(), action, item.proposed(), evidence);
        switch (action) {
            case REATTACH -> {
                driver.advance(execution.id(), e -> e.state() == ExecutionState.STARTING
                        ? Optional.of(Transition.to(ExecutionState.RUNNING, "reattached after restart: " + evidence))
                        : Optional.empty());
                Execution reattached = node.store().get(execution.id()).orElse(execution);
                driver.watch(reattached, node.hosting().executorFor(reattached).orElseThrow(),
                        driver.filesOf(execution.id()));
                return "reattached; followed to its end";
            }
            case ADOPT_RESULT -> {
                driver.recordExit(execution.id(), new ExitResult(item.trace().exitCode(),
                        item.trace().finishedAt() == null ? Instant.now() : item.trace().finishedAt(),
                        "finished while the node was down"));
                return "recorded exit code " + item.trace().exitCode();
            }
            case RESUME, RERUN -> {
                if (execution.attempts() > item.attemptsAtPlan()) {
                    // the re-run edge was taken before the node died: finish that start, do not take it again
                    if (execution.state() == ExecutionState.STARTING) {
                        driver.continueStart(execution.id());
                        return "start of attempt " + execution.attempts() + " continued after a restart";
                    }
                    return "already re-run as attempt " + execution.attempts();
                }
                String why = action == RecoveryAction.RESUME ? "start resumed after restart: " : "re-run after restart: ";
                driver.rerun(execution.id(), why + evidence);
                return (action == RecoveryAction.RESUME ? "started" : "re-run") + " as attempt "
                        + (item.attemptsAtPlan() + 1);
            }
            case FAIL -> {
                driver.finish(execution.id(), ExecutionState.FAILED, null, "lost during node restart: " + evidence);
                return "recorded FAILED";
            }
            case CANCEL -> {
                driver.cancel(execution, "cancelled by recovery: " + evidence, node.config().stopGrace());
                return "recorded CANCELLED";
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
    }
}
