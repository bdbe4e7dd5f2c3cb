package io.github.orderanalytics.posthog;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An event already written as the JSON object that goes into PostHog's {@code batch}, kept somewhere
 * (an outbox table, say) and sent later with {@link PostHogOrderAnalytics#sendNow}.
 *
 * <pre>{@code
 * EncodedEvent event = PostHogEventMapper.create(config).encode(order, identity);
 * store(event.uuid(), event.timestamp(), event.json());    // in the order's transaction
 * // later, anywhere:
 * for (EncodedEvent.Outcome outcome : client.sendNow(List.of(load(...)))) { ... }
 * }</pre>
 *
 * @param uuid the event's uuid, derived from the order id
 * @param timestamp when the order was placed: decides {@code historical_migration}
 * @param json the event object exactly as sent; with {@code linkBrowserToCustomer}, a customer's order
 *     from an anonymous browser is two entries of the batch, the {@code $identify} and the order,
 *     separated by a comma, kept and sent together
 * @since 0.1.0
 */
public record EncodedEvent(UUID uuid, Instant timestamp, String json) {

    public EncodedEvent {
        Objects.requireNonNull(uuid, "uuid == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(json, "json == null");
    }

    /** What became of one event given to {@link PostHogOrderAnalytics#sendNow}. */
    public enum Result {
        /** PostHog acknowledged it. */
        DELIVERED,
        /** PostHog refuses this event on its own (400 or 413 for it alone): sending it again cannot help. */
        REJECTED,
        /**
         * PostHog refused the API key (401 or 403): nothing is wrong with the event; send it again once the
         * key (or the host's region) is fixed. As {@link DropReason#API_KEY_REFUSED} is for the capture client.
         *
         * @since 0.1.0
         */
        API_KEY_REFUSED,
        /** Not delivered this time (network, 5xx, 429, a wrong host): send it again later. */
        RETRY
    }

    /**
     * @param event the event
     * @param result what became of it
     * @param detail why, for {@code REJECTED} and {@code RETRY}, e.g. {@code "HTTP 503"}; never the API key
     * @param retryAfter how long PostHog asked to wait, if it did
     */
    public record Outcome(EncodedEvent event, Result result, String detail, Optional<Duration> retryAfter) {
        public Outcome {
            Objects.requireNonNull(event, "event == null");
            Objects.requireNonNull(result, "result == null");
            Objects.requireNonNull(detail, "detail == null");
            Objects.requireNonNull(retryAfter, "retryAfter == null");
        }
    }
}
