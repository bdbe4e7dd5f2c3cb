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
 * @param payloadBytes the size of the event's JSON; the listing leaves the payload itself in the table (it
 *     may be half a megabyte, and it holds the order's properties): read one with {@link
 *     OutboxAdmin#deadRowPayload(long)}
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
        long payloadBytes) {
    public DeadRow {
        Objects.requireNonNull(eventUuid, "eventUuid == null");
        Objects.requireNonNull(deadAt, "deadAt == null");
    }
}
