package io.github.orderanalytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Money given back on an order: one refund, full or partial, with its own id.
 *
 * <pre>{@code
 * Refund refund = Refund.builder("ord_1001", "re_77", Money.of("20.00", "EUR"))   // order, refund, amount
 *         .refundedAt(Instant.parse("2026-11-30T09:00:00Z"))                      // default: now
 *         .reason("damaged")
 *         .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR")).build())
 *         .build();
 * analytics.orderRefunded(refund, Identity.customer("cus_42"));
 * }</pre>
 *
 * <p>The total is the amount refunded, positive; tax and shipping are the parts of it that were tax
 * and shipping. The revenue given back is the total less those two, as for an {@link Order}, and the
 * {@code order_refunded} event carries it negated, so that summing {@code revenue} over order events
 * gives net revenue. Give each refund of an order its own refund id: the event's uuid comes from
 * order id and refund id, so a redelivered refund is counted once, and two refunds twice.
 *
 * <p>Validated and bounded exactly as an {@code Order} is: every amount in the currency of the
 * total, tax plus shipping not above it, the same limits on text, items and custom properties.
 * {@link #builder(Order, String, Money)} also checks the refund against the order it refunds.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Refund implements OrderEvent {
    private final String orderId;
    private final String refundId;
    private final Money total;
    private final Instant refundedAt;
    private final @Nullable Money tax;
    private final @Nullable Money shipping;
    private final @Nullable String reason;
    private final List<LineItem> items;
    private final Map<String, Object> properties;
    private final long encodedSizeBound;

    private Refund(Builder b, Instant refundedAt) {
        this.orderId = b.orderId;
        this.refundId = b.refundId;
        this.total = b.total;
        this.refundedAt = refundedAt;
        this.tax = b.tax;
        this.shipping = b.shipping;
        this.reason = b.reason;
        this.items = List.copyOf(b.items);
        this.properties = EventChecks.frozen(b.properties);
        this.encodedSizeBound = EventChecks.encodedSize(4, Arrays.asList(orderId, refundId, reason), items, properties);
    }

    /**
     * Starts a refund of {@code total} (greater than zero) on order {@code orderId}, with the id of
     * this refund (unique within the order: a payment provider's refund id, say; without {@code ':'},
     * which separates the two ids in the event's uuid).
     */
    public static Builder builder(String orderId, String refundId, Money total) {
        return new Builder(orderId, refundId, total);
    }

    /**
     * Starts a refund on {@code order}, checked against it: in the order's currency and not above
     * its total.
     */
    public static Builder builder(Order order, String refundId, Money total) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(total, "total == null");
        EventChecks.sameCurrency("total", total, order.total(), "order");
        if (total.amount().compareTo(order.total().amount()) > 0) {
            throw new IllegalArgumentException(
                    "total (" + total + ") must not exceed the order's total (" + order.total() + ")");
        }
        return new Builder(order.orderId(), refundId, total);
    }

    /** A builder holding this refund's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(orderId, refundId, total);
        b.refundedAt = refundedAt;
        b.tax = tax;
        b.shipping = shipping;
        b.reason = reason;
        b.items.addAll(items);
        b.properties.putAll(properties);
        return b;
    }

    /** {@link OrderEvent.Kind#REFUNDED}. */
    @Override
    public Kind kind() {
        return Kind.REFUNDED;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    public String refundId() {
        return refundId;
    }

    /** The amount refunded, tax and shipping refunded included; greater than zero. */
    public Money total() {
        return total;
    }

    public Instant refundedAt() {
        return refundedAt;
    }

    /** {@link #refundedAt()}. */
    @Override
    public Instant occurredAt() {
        return refundedAt;
    }

    /** The part of the total that was tax. */
    public Optional<Money> tax() {
        return Optional.ofNullable(tax);
    }

    /** The part of the total that was shipping. */
    public Optional<Money> shipping() {
        return Optional.ofNullable(shipping);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The line items refunded, in the order they were added; immutable. */
    public List<LineItem> items() {
        return items;
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public int encodedSizeBound() {
        return (int) encodedSizeBound;
    }

    /**
     * The revenue given back: the total less tax and shipping refunded, as {@link Order#revenue()};
     * never negative. The event carries it negated.
     */
    public Money revenue() {
        return EventChecks.revenue(total, tax, shipping);
    }

    /** Calls {@code analytics.orderRefunded(this, identity)}. */
    @Override
    public void reportTo(OrderAnalytics analytics, Identity identity) {
        analytics.orderRefunded(this, identity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Refund other
                && orderId.equals(other.orderId)
                && refundId.equals(other.refundId)
                && total.equals(other.total)
                && refundedAt.equals(other.refundedAt)
                && Objects.equals(tax, other.tax)
                && Objects.equals(shipping, other.shipping)
                && Objects.equals(reason, other.reason)
                && items.equals(other.items)
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, refundId, total, refundedAt);
    }

    /** Ids, total, time and item count; the reason and custom properties are left out, as they may be personal. */
    @Override
    public String toString() {
        return "Refund{" + orderId + "/" + refundId + ", total=" + total + ", refundedAt=" + refundedAt + ", items="
                + items.size() + "}";
    }

    /** Builds a {@link Refund}; each setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String orderId;
        private final String refundId;
        private final Money total;
        private @Nullable Instant refundedAt;
        private @Nullable Money tax;
        private @Nullable Money shipping;
        private @Nullable String reason;
        private final List<LineItem> items = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String orderId, String refundId, Money total) {
            this.orderId = Text.require("orderId", orderId, Order.MAX_ID_LENGTH);
            this.refundId = Text.require("refundId", refundId, Order.MAX_ID_LENGTH);
            if (refundId.indexOf(':') >= 0) {
                // The event's uuid is named "...:" + orderId + ":" + refundId: with a colon allowed here,
                // ("a:b", "c") and ("a", "b:c") would be one uuid, and PostHog would drop the second refund.
                throw new IllegalArgumentException("refundId must not contain ':' (it separates the order id from the"
                        + " refund id in the event's uuid): " + Text.quote(refundId));
            }
            this.total = Objects.requireNonNull(total, "total == null");
            if (total.amount().signum() == 0) {
                throw new IllegalArgumentException("total is the amount refunded and must be greater than zero: "
                        + total + " (refund " + refundId + " of order " + orderId + ")");
            }
        }

        /** When the money was given back; the event's timestamp. Default: the time of {@link #build()}. */
        public Builder refundedAt(Instant refundedAt) {
            this.refundedAt = EventChecks.eventTime("refundedAt", refundedAt);
            return this;
        }

        /** The part of the total that was tax. */
        public Builder tax(Money tax) {
            this.tax = EventChecks.sameCurrency("tax", tax, total, "refund");
            return this;
        }

        /** The part of the total that was shipping. */
        public Builder shipping(Money shipping) {
            this.shipping = EventChecks.sameCurrency("shipping", shipping, total, "refund");
            return this;
        }

        /** Why the money was given back, as your shop names it: {@code "damaged"}, {@code "not_delivered"}. */
        public Builder reason(String reason) {
            this.reason = Text.require("reason", reason, Order.MAX_TEXT_LENGTH);
            return this;
        }

        /** Adds a line item refunded; its price must be in the refund's currency. */
        public Builder item(LineItem item) {
            EventChecks.addItem(items, item, total, "refund");
            return this;
        }

        /** Adds each of {@code items}, as {@link #item(LineItem)} does. */
        public Builder items(List<LineItem> items) {
            Objects.requireNonNull(items, "items == null");
            items.forEach(this::item);
            return this;
        }

        /** Sets a custom property, with the rules of {@link Order.Builder#property(String, Object)}. */
        public Builder property(String key, @Nullable Object value) {
            EventChecks.putProperty(properties, key, value, "refund");
            return this;
        }

        /** Sets each entry of {@code properties}, as {@link #property(String, Object)} does. */
        public Builder properties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties == null");
            properties.forEach(this::property);
            return this;
        }

        /**
         * Checks the rules across fields and builds the refund.
         *
         * @throws IllegalArgumentException if tax plus shipping exceed the total, or the refund would
         *     encode to more than {@value Order#MAX_ENCODED_BYTES} bytes
         */
        public Refund build() {
            EventChecks.taxAndShippingWithinTotal(tax, shipping, total);
            Refund refund = new Refund(this, refundedAt != null ? refundedAt : Instant.now());
            EventChecks.fitsInOneEvent(refund.encodedSizeBound, "refund " + refundId + " of order " + orderId);
            return refund;
        }
    }
}
