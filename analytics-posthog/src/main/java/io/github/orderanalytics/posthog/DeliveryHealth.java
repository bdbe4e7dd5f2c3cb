package io.github.orderanalytics.posthog;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a client's delivery is healthy, with the numbers that say so: what the Spring Boot health
 * indicator and the Quarkus health check report, read from one place.
 *
 * <pre>{@code
 * DeliveryHealth health = DeliveryHealth.of(analytics, Duration.ofMinutes(5), Instant.now());
 * if (health.down()) alert(health.details());
 * }</pre>
 *
 * @param enabled whether the client sends at all: without an API key it does not, and the details say so
 *     ({@code enabled=false} and the {@code reason})
 * @param down whether requests have failed, none succeeding, for longer than the allowed time
 * @param details {@code host}, {@code accepted}, {@code delivered}, {@code dropped}, {@code queueDepth}, and
 *     when known {@code lastError}, {@code failingFor} and {@code sinceLastDelivery} (ISO-8601 durations in
 *     whole seconds), in this order; the counts are {@code Long}s, {@code enabled} a {@code Boolean}, the rest text; immutable
 * @since 0.1.0
 */
public record DeliveryHealth(boolean enabled, boolean down, Map<String, Object> details) {

    public DeliveryHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** {@code client}'s delivery at {@code now}: down once its requests have failed for over {@code downAfter}. */
    public static DeliveryHealth of(PostHogOrderAnalytics client, Duration downAfter, Instant now) {
        if (!client.isEnabled()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("enabled", false);
            details.put("reason", "no PostHog API key is configured");
            return new DeliveryHealth(false, false, details);
        }
        return of(client.stats(), client.config(), downAfter, now);
    }

    static DeliveryHealth of(DeliveryStats stats, PostHogConfig config, Duration downAfter, Instant now) {
        Objects.requireNonNull(downAfter, "downAfter == null");
        Objects.requireNonNull(now, "now == null");
        boolean down = stats.failingSince()
                .map(since -> Duration.between(since, now).compareTo(downAfter) > 0)
                .orElse(false);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("host", config.host().toString());
        details.put("accepted", stats.accepted());
        details.put("delivered", stats.delivered());
        details.put("dropped", stats.droppedTotal());
        details.put("queueDepth", (long) stats.queueDepth());
        stats.lastError().ifPresent(error -> details.put("lastError", error));
        stats.failingSince().ifPresent(since -> details.put("failingFor", between(since, now)));
        stats.lastDeliveredAt().ifPresent(at -> details.put("sinceLastDelivery", between(at, now)));
        return new DeliveryHealth(true, down, details);
    }

    private static String between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return (d.isNegative() ? Duration.ZERO : d).withNanos(0).toString();
    }
}
