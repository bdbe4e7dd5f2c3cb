package io.github.orderanalytics.posthog;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of what a {@link PostHogOrderAnalytics} did with the events it was given.
 *
 * <pre>{@code
 * DeliveryStats stats = analytics.stats();
 * log.info("order events: {} delivered, {} dropped, {} pending", stats.delivered(), stats.droppedTotal(), stats.queueDepth());
 * }</pre>
 *
 * <p>Every {@code orderPlaced} call that returns normally is counted in {@link #accepted()} and
 * ends in exactly one of {@link #delivered()} or {@link #dropped()}; until then it is part of
 * {@link #queueDepth()}. So {@code accepted == delivered + droppedTotal + queueDepth} whenever the
 * client is idle, and after {@code close()}.
 *
 * @param accepted events handed to {@code orderPlaced}
 * @param delivered events PostHog acknowledged with a 2xx
 * @param retriedRequests requests sent again after a retryable failure
 * @param dropped events not delivered, by reason; every reason is present
 * @param queueDepth events held in memory: waiting, in a request, or waiting for a retry
 * @param lastError the last delivery error, for example {@code "HTTP 503"}; never holds the API key or event data
 * @param failingSince while the latest request failed and none succeeded since: when that run of
 *     failures began. A long one is an outage (PostHog down, a wrong host or key), a short one a
 *     request being retried
 * @param lastDeliveredAt when PostHog last acknowledged a request
 * @since 0.1.0
 */
public record DeliveryStats(
        long accepted,
        long delivered,
        long retriedRequests,
        Map<DropReason, Long> dropped,
        int queueDepth,
        Optional<String> lastError,
        Optional<Instant> failingSince,
        Optional<Instant> lastDeliveredAt) {

    public DeliveryStats {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, dropped.getOrDefault(reason, 0L));
        }
        dropped = Collections.unmodifiableMap(all);
    }

    /** The events dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.get(reason);
    }

    /** All events dropped, whatever the reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
