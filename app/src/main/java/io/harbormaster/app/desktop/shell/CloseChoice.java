package io.harbormaster.app.desktop.shell;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks, when the window closes, whether executions keep running (detach) or are stopped. */
final class CloseChoice {

    static final ButtonType DETACH = new ButtonType("Leave running", ButtonBar.ButtonData.YES);
    static final ButtonType STOP = new ButtonType("Stop executions", ButtonBar.ButtonData.NO);

    private CloseChoice() {
    }

    /** Empty when the operator changed their mind; otherwise true to stop executions. */
    static Optional<Boolean> ask(Window owner, long live) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", DETACH, STOP, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Close Harbormaster");
        alert.setHeaderText(live == 0 ? "No execution is running." : live == 1 ? "1 execution is still live."
                : live + " executions are still live.");
        alert.setContentText("Leave running: executions go on without the window, and the next start (window or "
                + "'harbormaster node') finds them again.\nStop executions: each is stopped and recorded CANCELLED.");
        return alert.showAndWait().filter(choice -> choice != ButtonType.CANCEL).map(choice -> choice == STOP);
    }
}
