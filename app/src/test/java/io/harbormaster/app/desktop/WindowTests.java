package io.harbormaster.app.desktop;

import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.shell.DesktopShell;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Steps the TestFX window tests share. */
public final class WindowTests {

    private static final long STOP_WAIT_SECONDS = 90;
    private static final long FX_ANSWER_SECONDS = 90;

    private WindowTests() {
    }

    /** Closes the window stopping its executions, and waits until its node has stopped (or failed). */
    public static void closeAndWaitUntilStopped(FxRobot robot, DesktopShell shell) throws TimeoutException {
        robot.interact(() -> shell.close(true));
        WaitForAsyncUtils.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS,
                () -> shell.embeddedNode().status().state() == NodeState.STOPPED
                        || shell.embeddedNode().status().state() == NodeState.FAILED);
    }

    /**
     * {@code question} answered on the FX thread, which owns the scene graph: read from a test's own
     * thread, a table can be seen half way through a change (a row unselected before it is selected again).
     */
    public static <V> V onFx(Callable<V> question) {
        try {
            return WaitForAsyncUtils.asyncFx(question).get(FX_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException("the FX thread did not answer", failed);
        }
    }
}
