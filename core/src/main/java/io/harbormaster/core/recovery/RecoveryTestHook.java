package io.harbormaster.core.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test hook: ends the node's JVM at once, as {@code kill -9} would, right after it applied the first action of the
 * kind named by the system property {@code harbormaster.test.haltAfterRecoveryAction} and before it recorded that
 * action as applied: the window a resumed apply must close without doing the action twice. Off unless the JVM runs
 * with that property; never set it in production.
 */
final class RecoveryTestHook {

    static final String PROPERTY = "harbormaster.test.haltAfterRecoveryAction";
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryTestHook.class);

    private RecoveryTestHook() {
    }

    static void afterApplying(PlanItem item) {
        String action = System.getProperty(PROPERTY);
        if (action != null && action.equals(item.chosen().name())) {
            LOG.warn("Test hook {}: halting after {} of {}, before it is recorded", PROPERTY, action, item.executionId());
            Runtime.getRuntime().halt(137);
        }
    }
}
