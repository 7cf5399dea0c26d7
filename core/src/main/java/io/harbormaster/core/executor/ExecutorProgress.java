package io.harbormaster.core.executor;

/**
 * How far a slow step of an executor has come (an image pull), for an operator watching a start.
 *
 * @param subject  what the step works on, e.g. the image {@code busybox:1.36}
 * @param message  the step in words, e.g. "Pulling busybox:1.36: 2 of 3 layers, 1.2 of 2.0 MB"
 * @param fraction 0 to 1, or negative while the total is not known yet
 * @param finished true on the step's last report
 */
public record ExecutorProgress(String subject, String message, double fraction, boolean finished) {
}
