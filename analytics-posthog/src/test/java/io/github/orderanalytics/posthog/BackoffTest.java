package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff =
            Backoff.between(Duration.ofMillis(100), Duration.ofSeconds(2), new SplittableRandom(11));

    @Test
    void theCeilingDoublesPerAttemptUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(0)).as("no attempt yet counts as the first").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aDelayLiesBetweenHalfItsCeilingAndTheCeiling() {
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int i = 0; i < 2_000; i++) {
            long millis = backoff.delay(3, Optional.empty()).toMillis();
            assertThat(millis).isBetween(200L, 400L);
            lowest = Math.min(lowest, millis);
            highest = Math.max(highest, millis);
        }
        assertThat(highest - lowest).as("jitter spreads the delays").isGreaterThan(150);
    }

    @Test
    void aLongerRetryAfterWinsAndAShorterOneDoesNot() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(6, Optional.of(Duration.ofMillis(1))).toMillis())
                .isBetween(1000L, 2000L);
    }

    @Test
    void hugeDurationsDoNotOverflow() {
        Backoff days = Backoff.between(Duration.ofDays(1_000), Duration.ofDays(100_000));
        assertThat(days.ceiling(40)).isEqualTo(Duration.ofDays(100_000));
        assertThat(days.delay(40, Optional.empty())).isBetween(Duration.ofDays(50_000), Duration.ofDays(100_000));
    }

    @Test
    void refusesAMaximumBelowTheStartAndNonPositiveDurations() {
        assertThatThrownBy(() -> Backoff.between(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max (PT1S) must not be less than initial (PT2S)");
        assertThatThrownBy(() -> Backoff.between(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initial must be positive, was PT0S");
        assertThatThrownBy(() -> Backoff.between(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initial == null");
    }
}
