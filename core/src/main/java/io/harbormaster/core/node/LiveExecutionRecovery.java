package io.harbormaster.core.node;

import io.harbormaster.core.execution.Execution;
import io.harbormaster.core.recovery.ApprovalPolicy;
import io.harbormaster.core.recovery.PlanItem;
import io.harbormaster.core.recovery.RecoveryEngine;
import io.harbormaster.core.recovery.RecoveryListener;
import io.harbormaster.core.recovery.RecoveryPlan;
import io.harbormaster.core.recovery.RecoveryPolicy;
import io.harbormaster.core.recovery.RecoveryProber;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node does at start with the executions the store says were live: hands them to the
 * {@link RecoveryEngine} (probe, plan, persist, approve by policy, apply), then keeps probing what waits, so an
 * engine that comes back turns its WAIT into a fresh proposal without an operator.
 */
public final class LiveExecutionRecovery implements RecoveryHook {

    private static final Logger LOG = LoggerFactory.getLogger(LiveExecutionRecovery.class);
    /** How long one probe (a plugin check, an executor's recover) may take before its executions are unknown. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** How often what waits is probed again. */
    public static final Duration REPROBE_INTERVAL = Duration.ofSeconds(
            Long.getLong("harbormaster.recovery.reprobeSeconds", 15));

    @Override
    public void recover(ComputeNode node, List<Execution> liveAtStart) {
        NodeConfig config = node.config();
        RecoveryEngine engine = new RecoveryEngine(node.store(),
                new RecoveryProber(new NodeProbeTargets(node), PROBE_TIMEOUT),
                RecoveryPolicy.parse(config.recoveryPolicy()),
                ApprovalPolicy.of(config.approval(), config.recoveryApproval()),
                new DriverRecoveryActions(node), Clock.systemUTC(), new EventsListener(node.events()));
        node.attachRecovery(engine);
        engine.start(liveAtStart);
        node.timers().scheduleWithFixedDelay(() -> {
            try {
                engine.refresh("probe:periodic");
            } catch (RuntimeException failed) {
                LOG.warn("Probing the executions that wait for a decision failed: {}", failed.toString());
            }
        }, REPROBE_INTERVAL.toMillis(), REPROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Plan and decision events on the node's event stream (and so on the API's SSE). */
    private record EventsListener(NodeEventBus events) implements RecoveryListener {

        @Override
        public void planChanged(RecoveryPlan plan, String what) {
            long waiting = plan.items().stream().filter(i -> !i.status().isFinished()).count();
            events.publish(NodeEvent.Type.RECOVERY_PLAN, null, null, plan.planId() + ": " + what + "; "
                    + plan.items().size() + " items, " + waiting + " not yet applied");
        }

        @Override
        public void decided(PlanItem item, String who) {
            String outcome = item.outcome() == null ? "" : ": " + item.outcome();
            events.publish(NodeEvent.Type.RECOVERY_DECISION, item.executionId(), null, item.chosen() + " "
                    + item.status() + " by " + who + " (proposed " + item.proposed() + ")" + outcome);
        }
    }
}
