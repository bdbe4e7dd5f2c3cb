package io.github.orderanalytics.posthog;

import io.github.orderanalytics.OrderEvent;
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
 * stats.of(OrderEvent.Kind.REFUNDED).delivered();   // the same, for one kind of event
 * }</pre>
 *
 * <p>Every call that returns normally ({@code orderPlaced}, {@code orderRefunded},
 * {@code orderCancelled}) is counted in {@link #accepted()} and ends in exactly one of
 * {@link #delivered()} or {@link #dropped()}; until then it is part of {@link #queueDepth()}. So
 * {@code accepted == delivered + droppedTotal + queueDepth} whenever the client is idle, and after
 * {@code close()}. The totals are the sums of the counts {@link #byEvent() by kind of event}.
 *
 * @param accepted events handed to the client
 * @param delivered events PostHog acknowledged with a 2xx
 * @param retriedRequests requests sent again after a retryable failure
 * @param dropped events not delivered, by reason; every reason is present
 * @param queueDepth events held in memory: waiting, in a request, or waiting for a retry
 * @param lastError the last delivery error, for example {@code "HTTP 503"}; never holds the API key or event data
 * @param failingSince while the latest request failed and none succeeded since: when that run of
 *     failures began. A long one is an outage (PostHog down, a wrong host or key), a short one a
 *     request being retried
 * @param lastDeliveredAt when PostHog last acknowledged a request
 * @param byEvent the event counts of each kind of order event; every kind is present
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
        Optional<Instant> lastDeliveredAt,
        Map<OrderEvent.Kind, Counts> byEvent) {

    /**
     * The events of one kind: accepted, delivered, dropped by reason.
     *
     * @param accepted events of this kind handed to the client
     * @param delivered of those, acknowledged by PostHog
     * @param dropped of those, not delivered, by reason; every reason is present
     */
    public record Counts(long accepted, long delivered, Map<DropReason, Long> dropped) {
        private static final Counts NONE = new Counts(0, 0, Map.of());

        public Counts {
            dropped = everyReason(dropped);
        }

        /** The events of this kind dropped for {@code reason}. */
        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L); // every reason is present: the default is never used
        }

        /** All events of this kind dropped, whatever the reason. */
        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public DeliveryStats {
        dropped = everyReason(dropped);
        EnumMap<OrderEvent.Kind, Counts> all = new EnumMap<>(OrderEvent.Kind.class);
        for (OrderEvent.Kind kind : OrderEvent.Kind.values()) {
            all.put(kind, byEvent.getOrDefault(kind, Counts.NONE));
        }
        byEvent = Collections.unmodifiableMap(all);
    }

    /** Stats whose totals ({@code accepted}, {@code delivered}, {@code dropped}) are the sums of {@code byEvent}. */
    public static DeliveryStats of(
            Map<OrderEvent.Kind, Counts> byEvent,
            long retriedRequests,
            int queueDepth,
            Optional<String> lastError,
            Optional<Instant> failingSince,
            Optional<Instant> lastDeliveredAt) {
        long accepted = 0;
        long delivered = 0;
        EnumMap<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        for (Counts counts : byEvent.values()) {
            accepted += counts.accepted();
            delivered += counts.delivered();
            counts.dropped().forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
        }
        return new DeliveryStats(
                accepted,
                delivered,
                retriedRequests,
                dropped,
                queueDepth,
                lastError,
                failingSince,
                lastDeliveredAt,
                byEvent);
    }

    /** The events dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L); // every reason is present: the default is never used
    }

    /** All events dropped, whatever the reason. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts of {@code kind} alone. */
    public Counts of(OrderEvent.Kind kind) {
        return byEvent.getOrDefault(kind, Counts.NONE); // every kind is present: the default is never used
    }

    private static Map<DropReason, Long> everyReason(Map<DropReason, Long> dropped) {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, dropped.getOrDefault(reason, 0L));
        }
        return Collections.unmodifiableMap(all);
    }
}
