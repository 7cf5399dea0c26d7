package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.core.execution.ExecutionState;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A ControlsFX notification in the window's corner when an execution finishes. */
final class FinishNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(FinishNotifier.class);

    private final Window owner;

    FinishNotifier(Window owner) {
        this.owner = owner;
    }

    void finished(ExecutionRow row) {
        if (!owner.isShowing()) {
            return;
        }
        String text = row.jobName() + " (" + row.id() + ")" + (row.exitCode() == null ? "" : ", exit code " + row.exitCode());
        Notifications notification = Notifications.create()
                .owner(owner)
                .title("Execution " + row.state().name().toLowerCase(java.util.Locale.ROOT))
                .text(text)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(6));
        try {
            if (row.state() == ExecutionState.COMPLETED) {
                notification.showInformation();
            } else if (row.state() == ExecutionState.FAILED) {
                notification.showError();
            } else {
                notification.showWarning();
            }
        } catch (RuntimeException cannotShow) {
            LOG.debug("Could not show a notification for {}: {}", row.id(), cannotShow.toString());
        }
    }
}
