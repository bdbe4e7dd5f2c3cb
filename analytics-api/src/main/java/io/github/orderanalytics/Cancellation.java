package io.github.orderanalytics;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An order called off.
 *
 * <pre>{@code
 * Cancellation cancellation = Cancellation.builder("ord_1001")
 *         .cancelledAt(Instant.parse("2026-11-28T08:00:00Z"))   // default: now
 *         .reason("customer_request")
 *         .build();
 * analytics.orderCancelled(cancellation, Identity.customer("cus_42"));
 * }</pre>
 *
 * <p>A cancellation moves no money, so its event has no {@code revenue}: when the customer was
 * charged, report what was given back as a {@link Refund} too, and when the order's revenue should
 * not count at all (cancelled before payment), refund its total. An order is cancelled once: the
 * event's uuid comes from the order id, so a second cancellation of the same order collapses with
 * the first. Bounded as an {@link Order} is. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Cancellation implements OrderEvent {
    private final String orderId;
    private final Instant cancelledAt;
    private final @Nullable String reason;
    private final Map<String, Object> properties;
    private final long encodedSizeBound;

    private Cancellation(Builder b, Instant cancelledAt) {
        this.orderId = b.orderId;
        this.cancelledAt = cancelledAt;
        this.reason = b.reason;
        this.properties = EventChecks.frozen(b.properties);
        this.encodedSizeBound = EventChecks.encodedSize(0, Arrays.asList(orderId, reason), List.of(), properties);
    }

    /** Starts the cancellation of order {@code orderId}. */
    public static Builder builder(String orderId) {
        return new Builder(orderId);
    }

    /** A builder holding this cancellation's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(orderId);
        b.cancelledAt = cancelledAt;
        b.reason = reason;
        b.properties.putAll(properties);
        return b;
    }

    /** {@link OrderEvent.Kind#CANCELLED}. */
    @Override
    public Kind kind() {
        return Kind.CANCELLED;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    /** {@link #cancelledAt()}. */
    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public int encodedSizeBound() {
        return (int) encodedSizeBound;
    }

    /** Calls {@code analytics.orderCancelled(this, identity)}. */
    @Override
    public void reportTo(OrderAnalytics analytics, Identity identity) {
        analytics.orderCancelled(this, identity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cancellation other
                && orderId.equals(other.orderId)
                && cancelledAt.equals(other.cancelledAt)
                && Objects.equals(reason, other.reason)
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, cancelledAt);
    }

    /** Id and time; the reason and custom properties are left out, as they may be personal. */
    @Override
    public String toString() {
        return "Cancellation{" + orderId + ", cancelledAt=" + cancelledAt + "}";
    }

    /** Builds a {@link Cancellation}; each setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String orderId;
        private @Nullable Instant cancelledAt;
        private @Nullable String reason;
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String orderId) {
            this.orderId = Text.require("orderId", orderId, Order.MAX_ID_LENGTH);
        }

        /** When the order was cancelled; the event's timestamp. Default: the time of {@link #build()}. */
        public Builder cancelledAt(Instant cancelledAt) {
            this.cancelledAt = EventChecks.eventTime("cancelledAt", cancelledAt);
            return this;
        }

        /** Why, as your shop names it: {@code "customer_request"}, {@code "out_of_stock"}. */
        public Builder reason(String reason) {
            this.reason = Text.require("reason", reason, Order.MAX_TEXT_LENGTH);
            return this;
        }

        /** Sets a custom property, with the rules of {@link Order.Builder#property(String, Object)}. */
        public Builder property(String key, @Nullable Object value) {
            EventChecks.putProperty(properties, key, value, "cancellation");
            return this;
        }

        /** Sets each entry of {@code properties}, as {@link #property(String, Object)} does. */
        public Builder properties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties == null");
            properties.forEach(this::property);
            return this;
        }

        /**
         * Builds the cancellation.
         *
         * @throws IllegalArgumentException if it would encode to more than {@value Order#MAX_ENCODED_BYTES} bytes
         */
        public Cancellation build() {
            Cancellation cancellation = new Cancellation(this, cancelledAt != null ? cancelledAt : Instant.now());
            EventChecks.fitsInOneEvent(cancellation.encodedSizeBound, "cancellation of order " + orderId);
            return cancellation;
        }
    }
}
