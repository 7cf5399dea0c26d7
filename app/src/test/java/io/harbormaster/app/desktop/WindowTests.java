package io.harbormaster.app.desktop;

import io.harbormaster.app.desktop.node.NodeState;
import io.harbormaster.app.desktop.shell.DesktopShell;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Steps the TestFX window tests share. */
public final class WindowTests {

    private static final long STOP_WAIT_SECONDS = 90;

    private WindowTests() {
    }

    /** Closes the window stopping its executions, and waits until its node has stopped (or failed). */
    public static void closeAndWaitUntilStopped(FxRobot robot, DesktopShell shell) throws TimeoutException {
        robot.interact(() -> shell.close(true));
        WaitForAsyncUtils.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS,
                () -> shell.embeddedNode().status().state() == NodeState.STOPPED
                        || shell.embeddedNode().status().state() == NodeState.FAILED);
    }
}
