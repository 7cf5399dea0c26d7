package io.harbormaster.executors.docker;

/** Told about every step of an image pull; called on the pulling thread, so it must return quickly. */
@FunctionalInterface
public interface PullListener {

    void onProgress(PullProgress progress);
}
