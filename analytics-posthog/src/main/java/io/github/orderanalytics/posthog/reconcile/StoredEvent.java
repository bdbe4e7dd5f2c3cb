package io.github.orderanalytics.posthog.reconcile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order event as PostHog stored it, in the words of its query API.
 *
 * @param uuid the event's uuid
 * @param event its name, {@code order_placed}, {@code order_refunded} or {@code order_cancelled}
 * @param distinctId the person it was filed under
 * @param orderId its {@code order_id} property, if it had one (null otherwise)
 * @param timestamp its time
 * @since 0.1.0
 */
public record StoredEvent(
        UUID uuid,
        String event,
        String distinctId,
        @Nullable String orderId,
        Instant timestamp) {
    public StoredEvent {
        Objects.requireNonNull(uuid, "uuid == null");
        Objects.requireNonNull(event, "event == null");
        Objects.requireNonNull(distinctId, "distinctId == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
    }
}
