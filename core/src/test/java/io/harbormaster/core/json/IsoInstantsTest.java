package io.harbormaster.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IsoInstantsTest {

    private static final long YEAR_0000 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    @Test
    void formatWritesWhatInstantToStringWritesForEveryPrecision() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(YEAR_0000, YEAR_10000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nano);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void instantsOutsideFourDigitYearsAreLeftToTheJdk() {
        for (Instant instant : new Instant[] {Instant.MIN, Instant.MAX, Instant.ofEpochSecond(YEAR_0000 - 1),
                Instant.ofEpochSecond(YEAR_10000)}) {
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void parseAcceptsWhatInstantParseAcceptsBeyondTheCommonForm() {
        for (String text : new String[] {"2026-11-29T01:12:56.5Z", "2026-11-29T01:12:56.12345Z",
                "2026-11-29T23:59:60Z", "2026-11-29T24:00:00Z", "2026-11-29T01:12:56.Z", "2026-11-29t01:12:56z", "2026-11-29T01:12:56+00:00"}) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void parseRefusesWhatInstantParseRefuses() {
        for (String text : new String[] {"2026-02-30T01:12:56Z", "2026-11-29T24:00:01Z", "2026-11-29T01:12:56",
                "2026-11-29T01:12:56.1234567890Z", "2026-1a-29T01:12:56Z", ""}) {
            assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
