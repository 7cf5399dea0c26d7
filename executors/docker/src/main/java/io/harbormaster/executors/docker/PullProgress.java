package io.harbormaster.executors.docker;

/**
 * One step of an image pull, with the totals so far so a listener can draw a bar without
 * keeping state. Byte counts are 0 until the registry has said how large a layer is.
 *
 * @param layer  the layer id the step is about, or null for a message about the whole image
 * @param status the engine's words ("Downloading", "Pull complete", ...)
 */
public record PullProgress(String image, String layer, String status, long layerBytes, long layerTotal,
                           int layersDone, int layersSeen, long bytesDone, long bytesTotal) {
}
