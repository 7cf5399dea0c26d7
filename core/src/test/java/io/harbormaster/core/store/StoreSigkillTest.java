package io.harbormaster.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a process writing the store at random instants, then every record read back and every
 * acknowledged write looked up. 30 kills in {@code verify}; more with (for runs past 15 minutes also raise
 * {@code -Dsurefire.timeout}, in seconds)
 * {@code ./mvnw -B -pl core verify -Dtest=StoreSigkillTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstore.kills=500 [-Dstore.killSeed=S]}.
 */
class StoreSigkillTest {

    private static final int KILLS = Integer.getInteger("store.kills", 30);
    private static final long SEED = Long.getLong("store.killSeed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS)
    void noAcknowledgedWriteIsLostAndNoStoreIsDamagedAfterSigkill() throws Exception {
        System.out.println("[store-crash] seed " + SEED + " (replay with -Dstore.killSeed=" + SEED + ")");
        StoreCrashHarness.Outcome outcome = new StoreCrashHarness(dir, SEED, 50).run(KILLS);
        System.out.println("[store-crash] " + outcome.summary());

        assertThat(outcome.acknowledged()).as("the child wrote something before being killed").isPositive();
        assertThat(outcome.lost()).as("acknowledged writes lost").isEmpty();
        assertThat(outcome.damage()).as("stores that did not open or read back whole").isEmpty();
    }
}
