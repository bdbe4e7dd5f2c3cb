package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.wire.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event exactly as it goes into PostHog's {@code batch}: what {@link PostHogEventMapper} makes
 * of an order and an identity.
 *
 * <pre>{@code
 * PostHogEvent event = PostHogEventMapper.create(config).orderPlaced(order, identity);
 * event.distinctId();                 // "cus_42"
 * event.properties().get("total");    // BigDecimal 49.99
 * event.toJson();                     // the bytes sent, as text
 * }</pre>
 *
 * @param event the event name, {@code order_placed}
 * @param distinctId the person PostHog attributes the event to
 * @param uuid the event's id, derived from the order id so redeliveries collapse
 * @param timestamp when the order was placed
 * @param properties the event properties in the order they are written, as read back from the JSON:
 *     amounts and other decimals are {@link java.math.BigDecimal}s with the scale sent (at the
 *     currency's scale for money), whole numbers Integer, Long or BigInteger; immutable
 * @since 0.1.0
 */
public record PostHogEvent(
        String event, String distinctId, UUID uuid, Instant timestamp, Map<String, Object> properties) {

    public PostHogEvent {
        Objects.requireNonNull(event, "event == null");
        Objects.requireNonNull(distinctId, "distinctId == null");
        Objects.requireNonNull(uuid, "uuid == null");
        Objects.requireNonNull(timestamp, "timestamp == null");
        Objects.requireNonNull(properties, "properties == null");
    }

    /**
     * Reads an event object, for example one that PostHog or a log received: numbers come back
     * exact (whole numbers as Integer, Long or BigInteger, decimals as BigDecimal with their scale).
     *
     * @throws IllegalArgumentException if {@code json} is not an event with event, distinct_id, uuid and timestamp
     */
    public static PostHogEvent fromJson(String json) {
        Objects.requireNonNull(json, "json == null");
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    static PostHogEvent fromJson(byte[] json) {
        Map<String, Object> root = EventJson.parseObject(json);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) root.getOrDefault("properties", Map.of());
            return new PostHogEvent(
                    (String) Objects.requireNonNull(root.get("event"), "event is missing"),
                    (String) Objects.requireNonNull(root.get("distinct_id"), "distinct_id is missing"),
                    UUID.fromString((String) Objects.requireNonNull(root.get("uuid"), "uuid is missing")),
                    Instant.parse((String) Objects.requireNonNull(root.get("timestamp"), "timestamp is missing")),
                    properties);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a PostHog event: " + e.getMessage(), e);
        }
    }

    /** The event as the JSON object sent to PostHog, compact, in property order. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("event", event);
        root.put("distinct_id", distinctId);
        root.put("uuid", uuid.toString());
        root.put("timestamp", timestamp.toString());
        root.put("properties", properties);
        return EventJson.text(root);
    }
}
