package io.harbormaster.app.desktop.shell;

import io.harbormaster.app.desktop.executions.ExecutionRow;
import io.harbormaster.core.execution.ExecutionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ControlsFX notification in the window's corner when executions finish. Finishes that come
 * together (a batch of jobs, a node stopping them all) share one notification instead of a stack.
 */
final class FinishNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(FinishNotifier.class);

    private final Window owner;
    private final List<ExecutionRow> pending = new ArrayList<>();
    private final PauseTransition gather = new PauseTransition(Duration.millis(600));

    FinishNotifier(Window owner) {
        this.owner = owner;
        gather.setOnFinished(event -> show());
    }

    void finished(ExecutionRow row) {
        pending.add(row);
        gather.playFromStart();
    }

    private void show() {
        List<ExecutionRow> rows = List.copyOf(pending);
        pending.clear();
        if (rows.isEmpty() || !owner.isShowing()) {
            return;
        }
        Notifications notification = Notifications.create()
                .owner(owner)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(6));
        long failed = rows.stream().filter(row -> row.state() == ExecutionState.FAILED).count();
        if (rows.size() == 1) {
            ExecutionRow row = rows.get(0);
            notification.title("Execution " + row.state().name().toLowerCase(Locale.ROOT)).text(row.jobName() + " ("
                    + row.id() + ")" + (row.exitCode() == null ? "" : ", exit code " + row.exitCode()));
        } else {
            long completed = rows.stream().filter(row -> row.state() == ExecutionState.COMPLETED).count();
            notification.title(rows.size() + " executions finished").text(completed + " completed, " + failed
                    + " failed, " + (rows.size() - completed - failed) + " cancelled");
        }
        try {
            if (failed > 0) {
                notification.showError();
            } else {
                notification.showInformation();
            }
        } catch (RuntimeException cannotShow) {
            LOG.debug("Could not show a notification: {}", cannotShow.toString());
        }
    }
}
