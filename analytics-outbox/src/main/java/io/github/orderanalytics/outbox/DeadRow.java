package io.github.orderanalytics.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A row PostHog refused for good, as {@link OutboxAdmin#deadRows(int, int)} lists it.
 *
 * @param id the row's id
 * @param eventUuid the event's uuid, by which {@link OutboxAdmin#resubmit(java.util.Collection)} finds it
 * @param eventTime when the order was placed
 * @param createdAt when the row was written
 * @param attempts delivery attempts made
 * @param deadAt when PostHog refused it
 * @param reason what PostHog said
 * @param payload the event exactly as it was sent; it holds the order's properties, so show it only
 *     where those may be seen
 * @since 0.1.0
 */
public record DeadRow(
        long id,
        UUID eventUuid,
        Instant eventTime,
        Instant createdAt,
        int attempts,
        Instant deadAt,
        String reason,
        String payload) {
    public DeadRow {
        Objects.requireNonNull(eventUuid, "eventUuid == null");
        Objects.requireNonNull(deadAt, "deadAt == null");
    }
}
