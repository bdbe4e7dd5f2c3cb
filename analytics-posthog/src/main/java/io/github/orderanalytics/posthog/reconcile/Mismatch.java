package io.github.orderanalytics.posthog.reconcile;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event PostHog stored under the expected uuid but with a field that differs from what the shop's
 * records make of it. Money compares as exact decimals ({@code 40.0} is {@code 40.00}).
 *
 * @param uuid the event's uuid
 * @param field {@code event}, {@code distinct_id}, {@code total}, {@code revenue} or {@code currency}
 * @param expected what the shop's records make of it; null when the field should be absent
 * @param stored what PostHog holds; null when it holds none
 * @since 0.1.0
 */
public record Mismatch(
        UUID uuid,
        String field,
        @Nullable String expected,
        @Nullable String stored) {
    public Mismatch {
        Objects.requireNonNull(uuid, "uuid == null");
        Objects.requireNonNull(field, "field == null");
    }
}
