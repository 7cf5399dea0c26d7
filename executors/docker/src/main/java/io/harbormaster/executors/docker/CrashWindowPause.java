package io.harbormaster.executors.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test hook: holds a start inside one of its crash windows so a test can {@code kill -9} the node
 * there. Off unless the JVM runs with the system property, which names the pause in milliseconds:
 * <ul>
 *   <li>{@code harbormaster.test.pauseAfterCreate}: the container exists, it is not started, and the
 *       node has no handle for it;</li>
 *   <li>{@code harbormaster.test.pauseAfterStart}: the container runs and the node has no handle for it.</li>
 * </ul>
 * Never set these in production: they only delay a start.
 */
enum CrashWindowPause {

    AFTER_CREATE("harbormaster.test.pauseAfterCreate"),
    AFTER_START("harbormaster.test.pauseAfterStart");

    private static final Logger LOG = LoggerFactory.getLogger(CrashWindowPause.class);

    private final String property;

    CrashWindowPause(String property) {
        this.property = property;
    }

    void pause(String executionId) {
        long millis = Long.getLong(property, 0L);
        if (millis <= 0) {
            return;
        }
        // the test waits for this line before it kills the node
        LOG.warn("Test hook {}: execution {} pauses {} ms", property, executionId, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
