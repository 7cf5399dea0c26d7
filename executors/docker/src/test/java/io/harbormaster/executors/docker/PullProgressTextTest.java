package io.harbormaster.executors.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbormaster.core.executor.ExecutorProgress;
import org.junit.jupiter.api.Test;

class PullProgressTextTest {

    @Test
    void aLayerStepSaysHowFarThePullIsAndGivesTheByteFraction() {
        ExecutorProgress progress = PullProgressText.of(new PullProgress("busybox:1.36", "abc", "Downloading", 500_000,
                1_000_000, 1, 3, 1_500_000, 3_000_000));

        assertThat(progress.message()).isEqualTo("Pulling busybox:1.36: 1 of 3 layers, 1.5 of 3.0 MB");
        assertThat(progress.fraction()).isEqualTo(0.5);
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void beforeAnySizeIsKnownTheFractionIsUnknown() {
        assertThat(PullProgressText.of(new PullProgress("busybox:1.36", "abc", "Pulling fs layer", 0, 0, 0, 1, 0, 0))
                .fraction()).isNegative();
    }

    @Test
    void theEnginesClosingStatusLineFinishesThePull() {
        ExecutorProgress progress = PullProgressText.of(new PullProgress("busybox:1.36", null,
                "Status: Downloaded newer image for busybox:1.36", 0, 0, 3, 3, 3_000_000, 3_000_000));

        assertThat(progress).isEqualTo(new ExecutorProgress("busybox:1.36", "Pulled busybox:1.36", 1.0, true));
    }
}
