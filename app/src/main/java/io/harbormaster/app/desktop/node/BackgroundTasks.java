package io.harbormaster.app.desktop.node;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs store, Docker and plugin calls off the FX thread and hands their results back on the
 * {@link UiThread}. A ViewModel never blocks the window: it asks for work here and reacts to the answer.
 */
public final class BackgroundTasks {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final Executor workers;
    private final UiThread ui;

    public BackgroundTasks(Executor workers, UiThread ui) {
        this.workers = workers;
        this.ui = ui;
    }

    /** Everything on the calling thread, in order: for ViewModel tests. */
    public static BackgroundTasks inline() {
        return new BackgroundTasks(Runnable::run, UiThread.callingThread());
    }

    public UiThread ui() {
        return ui;
    }

    /** Runs {@code work} in the background; {@code onDone} or {@code onFailure} then runs on the UI thread. */
    public <T> void run(Supplier<T> work, Consumer<T> onDone, Consumer<RuntimeException> onFailure) {
        workers.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException failed) {
                ui.run(() -> onFailure.accept(failed));
                return;
            }
            ui.run(() -> onDone.accept(result));
        });
    }

    /** For work whose answer only matters if it fails; the failure is logged. */
    public void run(Runnable work, String whatFor) {
        run(() -> {
            work.run();
            return Boolean.TRUE;
        }, done -> { }, failed -> LOG.warn("Could not {}: {}", whatFor, failed.getMessage()));
    }
}
