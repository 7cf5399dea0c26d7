package io.harbormaster.systemtests.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.harbormaster.executors.docker.RequiresDockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real node, again and again, under a mixed Docker and WebAssembly workload, and the
 * invariants afterwards. 20 kills in {@code ./mvnw verify}; {@code -Dtorture.kills=200} for a long run
 * (see {@link TortureMain}), {@code -Dtorture.seed=S} to replay one. The seed is printed first.
 */
@RequiresDockerEngine
class TortureTest {

    @TempDir
    Path dir;

    @Test
    // a ceiling for the whole method; the run itself is bounded per kill below
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void everyInvariantHoldsAfterRepeatedKill9InEveryCrashWindow() throws Exception {
        TortureOptions options = TortureOptions.fromSystemProperties();
        System.out.println("[torture] seed " + options.seed() + ", kills " + options.kills()
                + " (replay: -Dtorture.seed=" + options.seed() + " -Dtorture.kills=" + options.kills() + ")");
        TortureReport report = assertTimeoutPreemptively(options.timeout(), () -> {
            try (TortureRun run = new TortureRun(options.seed(), options.kills(), dir)) {
                return run.run();
            }
        }, () -> "torture run with seed " + options.seed() + " hung past " + options.timeout());
        System.out.println(report.summary());

        assertThat(report.violations()).as(report.summary()).isEmpty();
        assertThat(report.kills()).isEqualTo(options.kills());
        assertThat(report.windowHits()).as("every crash window hit at least once; " + report.summary())
                .allSatisfy((window, count) -> assertThat(count).as(window.name()).isPositive());
    }

    /** The run's size and seed, from system properties. */
    record TortureOptions(long seed, int kills) {

        static TortureOptions fromSystemProperties() {
            String seed = System.getProperty("torture.seed", "");
            return new TortureOptions(seed.isBlank() ? System.nanoTime() : Long.parseLong(seed.trim()),
                    Integer.getInteger("torture.kills", 20));
        }

        /** Generous: a hang is caught, a slow shared machine is not failed. */
        Duration timeout() {
            return Duration.ofMinutes(10).plus(Duration.ofSeconds(90L * kills));
        }
    }
}
