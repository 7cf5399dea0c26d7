package io.harbormaster.executors.docker;

import io.harbormaster.core.executor.ExecutorProgress;
import java.util.Locale;

/** Puts a pull step in the node's engine-neutral terms: a sentence and a fraction for a progress bar. */
final class PullProgressText {

    private PullProgressText() {
    }

    static ExecutorProgress of(PullProgress step) {
        // the engine ends every pull with one image-wide "Status: ..." line
        boolean finished = step.layer() == null && step.status() != null && step.status().startsWith("Status:");
        if (finished) {
            return new ExecutorProgress(step.image(), "Pulled " + step.image(), 1.0, true);
        }
        double fraction = step.bytesTotal() > 0 ? Math.min(0.99, (double) step.bytesDone() / step.bytesTotal()) : -1;
        String message = String.format(Locale.ROOT, "Pulling %s: %d of %d layers, %.1f of %.1f MB", step.image(),
                step.layersDone(), step.layersSeen(), step.bytesDone() / 1e6, step.bytesTotal() / 1e6);
        return new ExecutorProgress(step.image(), message, fraction, false);
    }
}
