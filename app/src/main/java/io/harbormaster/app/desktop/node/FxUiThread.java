package io.harbormaster.app.desktop.node;

import javafx.application.Platform;

/** The JavaFX application thread; the only place the app's logic reaches it from. */
public final class FxUiThread implements UiThread {

    @Override
    public void run(Runnable action) {
        Platform.runLater(action);
    }
}
