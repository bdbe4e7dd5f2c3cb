package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryHealthTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final PostHogConfig CONFIG =
            PostHogConfig.builder().host("https://eu.i.posthog.com").build();

    private static DeliveryStats failingFor(Duration failing) {
        return new DeliveryStats(
                10,
                7,
                1,
                Map.of(DropReason.QUEUE_FULL, 1L),
                2,
                Optional.of("HTTP 503"),
                Optional.of(NOW.minus(failing)),
                Optional.of(NOW.minusSeconds(3_600).minusMillis(400)),
                Map.of());
    }

    @Test
    void upWhileFailingForLessThanTheAllowedTimeDownAfter() {
        assertThat(DeliveryHealth.of(failingFor(Duration.ofMinutes(5)), CONFIG, Duration.ofMinutes(5), NOW)
                        .down())
                .isFalse();
        assertThat(DeliveryHealth.of(failingFor(Duration.ofMinutes(6)), CONFIG, Duration.ofMinutes(5), NOW)
                        .down())
                .isTrue();
    }

    @Test
    void aClientWithoutAKeyIsNotEnabledAndSaysWhy() {
        try (PostHogOrderAnalytics client = PostHogOrderAnalytics.create(CONFIG)) {
            DeliveryHealth health = DeliveryHealth.of(client, Duration.ofMinutes(5), NOW);

            assertThat(health.enabled()).isFalse();
            assertThat(health.down()).isFalse();
            assertThat(health.details())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("enabled", false, "reason", "no PostHog API key is configured"));
        }
    }

    @Test
    void theDetailsInTheirOrderWithDurationsInWholeSeconds() {
        DeliveryHealth health =
                DeliveryHealth.of(failingFor(Duration.ofSeconds(90)), CONFIG, Duration.ofMinutes(5), NOW);

        assertThat(health.details())
                .containsExactly(
                        Map.entry("host", "https://eu.i.posthog.com"),
                        Map.entry("accepted", 10L),
                        Map.entry("delivered", 7L),
                        Map.entry("dropped", 1L),
                        Map.entry("queueDepth", 2L),
                        Map.entry("lastError", "HTTP 503"),
                        Map.entry("failingFor", "PT1M30S"),
                        Map.entry("sinceLastDelivery", "PT1H"));
    }
}
