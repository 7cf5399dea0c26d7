package io.harbormaster.executors.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import io.harbormaster.core.executor.ExecutorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure an image is present, pulling it with progress events when it is not. */
final class ImagePuller {

    private static final Logger LOG = LoggerFactory.getLogger(ImagePuller.class);

    private final DockerConnection engine;
    private final List<PullListener> listeners = new CopyOnWriteArrayList<>();

    ImagePuller(DockerConnection engine) {
        this.engine = engine;
    }

    void addListener(PullListener listener) {
        listeners.add(listener);
    }

    void removeListener(PullListener listener) {
        listeners.remove(listener);
    }

    void ensurePresent(String image) {
        try {
            engine.call(() -> engine.calls().inspectImageCmd(image).exec());
            return;
        } catch (NotFoundException absent) {
            LOG.info("Image {} is not on the engine; pulling it", image);
        }
        pull(ImageReference.parse(image));
    }

    private void pull(ImageReference ref) {
        Progress progress = new Progress(ref.image());
        try {
            engine.run(() -> {
                try {
                    engine.streams().pullImageCmd(ref.repository()).withTag(ref.tag()).exec(progress).awaitCompletion();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ExecutorException("Pull of image '" + ref.image() + "' was interrupted", true, interrupted);
                }
            });
        } catch (NotFoundException unknown) {
            throw new ExecutorException("Image '" + ref.image() + "' is not on this node and registry '" + ref.registry()
                    + "' does not have it: " + unknown.getMessage(), false, unknown);
        } catch (DockerException | DockerClientException refused) {
            throw new ExecutorException("Cannot pull image '" + ref.image() + "' from registry '" + ref.registry()
                    + "': " + refused.getMessage(), true, refused);
        }
        LOG.info("Pulled image {} ({} layers, {} bytes)", ref.image(), progress.layers.size(), progress.bytesTotal());
    }

    /** Folds the engine's per-layer messages into totals, logs them now and then, and tells the listeners. */
    private final class Progress extends PullImageResultCallback {

        private final String image;
        private final Map<String, long[]> layers = new LinkedHashMap<>();
        private final Map<String, Boolean> done = new LinkedHashMap<>();
        private long lastLogged;

        Progress(String image) {
            this.image = image;
        }

        @Override
        public void onNext(PullResponseItem item) {
            super.onNext(item);
            String layer = item.getId();
            String status = item.getStatus();
            long current = 0;
            long total = 0;
            ResponseItem.ProgressDetail detail = item.getProgressDetail();
            if (detail != null) {
                current = detail.getCurrent() == null ? 0 : detail.getCurrent();
                total = detail.getTotal() == null ? 0 : detail.getTotal();
            }
            if (layer != null && status != null && !status.startsWith("Pulling from")) {
                long[] bytes = layers.computeIfAbsent(layer, id -> new long[2]);
                if (status.startsWith("Downloading") && total > 0) {
                    bytes[0] = current;
                    bytes[1] = total;
                }
                if (status.equals("Download complete") || status.equals("Pull complete") || status.equals("Already exists")) {
                    bytes[0] = bytes[1];
                    done.put(layer, status.equals("Pull complete") || status.equals("Already exists"));
                }
            }
            PullProgress step = new PullProgress(image, layer, status, current, total,
                    (int) done.values().stream().filter(Boolean::booleanValue).count(), layers.size(), bytesDone(), bytesTotal());
            log(step);
            for (PullListener listener : listeners) {
                listener.onProgress(step);
            }
        }

        private void log(PullProgress step) {
            long now = System.nanoTime();
            if (step.layer() == null || now - lastLogged > 1_000_000_000L || "Pull complete".equals(step.status())) {
                lastLogged = now;
                LOG.info("Pulling {}: {} of {} layers, {} of {} bytes ({})", image, step.layersDone(), step.layersSeen(),
                        step.bytesDone(), step.bytesTotal(), step.status());
            }
        }

        private long bytesDone() {
            return layers.values().stream().mapToLong(bytes -> bytes[0]).sum();
        }

        private long bytesTotal() {
            return layers.values().stream().mapToLong(bytes -> bytes[1]).sum();
        }
    }
}
