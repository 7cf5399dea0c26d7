package io.harbormaster.app.desktop.node;

/**
 * Where results reach the screen. The window hands its FX thread in; ViewModel tests hand in the
 * calling thread, so logic never calls {@code Platform.runLater} itself.
 */
@FunctionalInterface
public interface UiThread {

    void run(Runnable action);

    /** Runs the action at once on the calling thread: for tests of ViewModels without a window. */
    static UiThread callingThread() {
        return Runnable::run;
    }
}
