package io.github.orderanalytics.posthog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void doublesWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayMillis(1, Optional.empty())).isBetween(50L, 100L);
            assertThat(backoff.delayMillis(3, Optional.empty())).isBetween(200L, 400L);
            assertThat(backoff.delayMillis(10, Optional.empty())).isBetween(1000L, 2000L);
            assertThat(backoff.delayMillis(64, Optional.empty())).isBetween(1000L, 2000L);
        }
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsksUpToTenMinutes() {
        assertThat(backoff.delayMillis(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(3000L);
        assertThat(backoff.delayMillis(1, Optional.of(Duration.ofHours(2))))
                .isEqualTo(Duration.ofMinutes(10).toMillis());
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2026-11-27T10:15:30Z");

        assertThat(Backoff.retryAfter(Optional.of("7"), now)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(Optional.of("Fri, 27 Nov 2026 10:15:45 GMT"), now))
                .contains(Duration.ofSeconds(15));
        assertThat(Backoff.retryAfter(Optional.of("Fri, 27 Nov 2026 10:00:00 GMT"), now))
                .contains(Duration.ZERO);
        assertThat(Backoff.retryAfter(Optional.of("soon"), now)).isEmpty();
        assertThat(Backoff.retryAfter(Optional.empty(), now)).isEmpty();
    }
}
