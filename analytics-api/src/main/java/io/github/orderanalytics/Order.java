package io.github.orderanalytics;

import java.time.Duration;
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
 * A placed order: its id, exact amounts, line items and custom properties.
 *
 * <pre>{@code
 * Order order = Order.builder("ord_1001", Money.of("49.99", "EUR"))
 *         .placedAt(Instant.parse("2026-11-27T10:15:30Z"))   // default: now
 *         .subtotal(Money.of("40.00", "EUR"))
 *         .tax(Money.of("7.99", "EUR"))
 *         .shipping(Money.of("2.00", "EUR"))
 *         .coupon("WELCOME10")
 *         .item(LineItem.builder("prod_7", 2, Money.of("20.00", "EUR")).name("Mug").build())
 *         .property("channel", "web")
 *         .build();
 * }</pre>
 *
 * <p>Every value is checked when it is set or, for rules across fields, in {@link Builder#build()},
 * with an exception that names the field and the bad value: all amounts must be in the currency of
 * the total, tax plus shipping may not exceed the total, custom property keys may not be blank,
 * start with {@code $} or clash with a standard property, and values must be JSON-like. Sizes are
 * bounded (see the {@code MAX_} constants) so that a valid order always fits in one PostHog event.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Order implements OrderEvent {
    /** Longest order id, product id, coupon and property key, in characters. */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest free text (a product's sku, name, category, brand, variant), in characters. */
    public static final int MAX_TEXT_LENGTH = 1_000;
    /** Most line items in one order. */
    public static final int MAX_ITEMS = 1_000;
    /** Most custom properties on one order. */
    public static final int MAX_PROPERTIES = 200;
    /** Deepest nesting of lists and maps in a custom property value. */
    public static final int MAX_PROPERTY_DEPTH = 8;
    /** Most values in one custom property, nested lists and maps counted element by element. */
    public static final int MAX_PROPERTY_ELEMENTS = 10_000;
    /**
     * How far in the future {@code placedAt} may be: PostHog moves an event more than 23 hours ahead
     * to the time it arrives, which would put its revenue on the wrong day.
     */
    public static final Duration MAX_PLACED_AT_AHEAD = Duration.ofHours(23);
    /**
     * Earliest time of any order event: the Unix epoch, where PostHog's timestamps start.
     *
     * @since 0.1.0
     */
    public static final Instant EARLIEST_TIME = Instant.EPOCH;
    /**
     * Largest order as encoded JSON, in bytes: half of PostHog's 1 MB event limit, leaving ample
     * room for the identity and the library's own properties.
     */
    public static final int MAX_ENCODED_BYTES = 512 * 1024;

    private final String orderId;
    private final Money total;
    private final Instant placedAt;
    private final @Nullable Money subtotal;
    private final @Nullable Money tax;
    private final @Nullable Money shipping;
    private final @Nullable Money discount;
    private final @Nullable String coupon;
    private final @Nullable String checkoutId;
    private final @Nullable String affiliation;
    private final List<LineItem> items;
    private final Map<String, Object> properties;
    /** Measured once the fields above are set; {@link Builder#build()} refuses an order over the limit. */
    private final long encodedSizeBound;

    private Order(Builder b, Instant placedAt) {
        this.orderId = b.orderId;
        this.total = b.total;
        this.placedAt = placedAt;
        this.subtotal = b.subtotal;
        this.tax = b.tax;
        this.shipping = b.shipping;
        this.discount = b.discount;
        this.coupon = b.coupon;
        this.checkoutId = b.checkoutId;
        this.affiliation = b.affiliation;
        this.items = List.copyOf(b.items);
        this.properties = EventChecks.frozen(b.properties);
        this.encodedSizeBound = Builder.encodedSize(this);
    }

    /**
     * Starts an order with its id (unique per order: it makes the event's uuid) and the total the
     * customer pays.
     */
    public static Builder builder(String orderId, Money total) {
        return new Builder(orderId, total);
    }

    /** A builder holding this order's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(orderId, total);
        b.placedAt = placedAt;
        b.subtotal = subtotal;
        b.tax = tax;
        b.shipping = shipping;
        b.discount = discount;
        b.coupon = coupon;
        b.checkoutId = checkoutId;
        b.affiliation = affiliation;
        b.items.addAll(items);
        b.properties.putAll(properties);
        return b;
    }

    /** {@link OrderEvent.Kind#PLACED}. */
    @Override
    public Kind kind() {
        return Kind.PLACED;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    /** What the customer pays, tax and shipping included. */
    public Money total() {
        return total;
    }

    public Instant placedAt() {
        return placedAt;
    }

    /** {@link #placedAt()}. */
    @Override
    public Instant occurredAt() {
        return placedAt;
    }

    public Optional<Money> subtotal() {
        return Optional.ofNullable(subtotal);
    }

    public Optional<Money> tax() {
        return Optional.ofNullable(tax);
    }

    public Optional<Money> shipping() {
        return Optional.ofNullable(shipping);
    }

    public Optional<Money> discount() {
        return Optional.ofNullable(discount);
    }

    public Optional<String> coupon() {
        return Optional.ofNullable(coupon);
    }

    /** The checkout (cart, session) the order came from, as your shop names it. */
    public Optional<String> checkoutId() {
        return Optional.ofNullable(checkoutId);
    }

    /** The store or affiliate the order was placed with, as in the e-commerce specs. */
    public Optional<String> affiliation() {
        return Optional.ofNullable(affiliation);
    }

    /** The line items, in the order they were added; immutable. */
    public List<LineItem> items() {
        return items;
    }

    /** Custom properties in insertion order; immutable, and so is every nested list and map. */
    @Override
    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * An upper bound of this order's size as UTF-8 JSON, in bytes, without the identity: at most
     * {@value #MAX_ENCODED_BYTES}. Senders use it to bound the memory and the requests that queued
     * orders take.
     *
     * @since 0.1.0
     */
    @Override
    public int encodedSizeBound() {
        return (int) encodedSizeBound;
    }

    /**
     * The revenue as PostHog's e-commerce spec defines it: the total less tax and shipping (each
     * only when set). Never negative: {@link Builder#build()} checks it.
     */
    public Money revenue() {
        return EventChecks.revenue(total, tax, shipping);
    }

    /** Calls {@code analytics.orderPlaced(this, identity)}. */
    @Override
    public void reportTo(OrderAnalytics analytics, Identity identity) {
        analytics.orderPlaced(this, identity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order other
                && orderId.equals(other.orderId)
                && total.equals(other.total)
                && placedAt.equals(other.placedAt)
                && Objects.equals(subtotal, other.subtotal)
                && Objects.equals(tax, other.tax)
                && Objects.equals(shipping, other.shipping)
                && Objects.equals(discount, other.discount)
                && Objects.equals(coupon, other.coupon)
                && Objects.equals(checkoutId, other.checkoutId)
                && Objects.equals(affiliation, other.affiliation)
                && items.equals(other.items)
                && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, total, placedAt);
    }

    /** Id, total, time and item count; custom properties are left out, as they may be personal. */
    @Override
    public String toString() {
        return "Order{" + orderId + ", total=" + total + ", placedAt=" + placedAt + ", items=" + items.size() + "}";
    }

    /** Builds an {@link Order}; each setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
        private final String orderId;
        private final Money total;
        private @Nullable Instant placedAt;
        private @Nullable Money subtotal;
        private @Nullable Money tax;
        private @Nullable Money shipping;
        private @Nullable Money discount;
        private @Nullable String coupon;
        private @Nullable String checkoutId;
        private @Nullable String affiliation;
        private final List<LineItem> items = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String orderId, Money total) {
            this.orderId = Text.require("orderId", orderId, MAX_ID_LENGTH);
            this.total = Objects.requireNonNull(total, "total == null");
        }

        /** When the order was placed; the event's timestamp. Default: the time of {@link #build()}. */
        public Builder placedAt(Instant placedAt) {
            this.placedAt = EventChecks.eventTime("placedAt", placedAt);
            return this;
        }

        public Builder subtotal(Money subtotal) {
            this.subtotal = sameCurrency("subtotal", subtotal);
            return this;
        }

        public Builder tax(Money tax) {
            this.tax = sameCurrency("tax", tax);
            return this;
        }

        public Builder shipping(Money shipping) {
            this.shipping = sameCurrency("shipping", shipping);
            return this;
        }

        /** The discount granted, as a non-negative amount. */
        public Builder discount(Money discount) {
            this.discount = sameCurrency("discount", discount);
            return this;
        }

        public Builder coupon(String coupon) {
            this.coupon = Text.require("coupon", coupon, MAX_ID_LENGTH);
            return this;
        }

        /** The checkout the order came from ({@code checkout_id}), to join it to checkout events. */
        public Builder checkoutId(String checkoutId) {
            this.checkoutId = Text.require("checkoutId", checkoutId, MAX_ID_LENGTH);
            return this;
        }

        /** The store or affiliate the order was placed with ({@code affiliation}). */
        public Builder affiliation(String affiliation) {
            this.affiliation = Text.require("affiliation", affiliation, MAX_TEXT_LENGTH);
            return this;
        }

        /** Adds a line item; its price must be in the order's currency. */
        public Builder item(LineItem item) {
            EventChecks.addItem(items, item, total, "order");
            return this;
        }

        /** Adds each of {@code items}, as {@link #item(LineItem)} does. */
        public Builder items(List<LineItem> items) {
            Objects.requireNonNull(items, "items == null");
            items.forEach(this::item);
            return this;
        }

        /**
         * Sets a custom property. The value must be null, a String, Boolean, finite Number,
         * a {@code java.time} value, or a List or Map (with String keys) of those; it is copied.
         */
        public Builder property(String key, @Nullable Object value) {
            EventChecks.putProperty(properties, key, value, "order");
            return this;
        }

        /** Sets each entry of {@code properties}, as {@link #property(String, Object)} does. */
        public Builder properties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties == null");
            properties.forEach(this::property);
            return this;
        }

        /**
         * Checks the rules across fields and builds the order.
         *
         * @throws IllegalArgumentException if tax plus shipping exceed the total, or the order
         *     would encode to more than {@value #MAX_ENCODED_BYTES} bytes
         */
        public Order build() {
            EventChecks.taxAndShippingWithinTotal(tax, shipping, total);
            Order order = new Order(this, placedAt != null ? placedAt : Instant.now());
            EventChecks.fitsInOneEvent(order.encodedSizeBound, "order " + orderId);
            return order;
        }

        private Money sameCurrency(String field, Money money) {
            return EventChecks.sameCurrency(field, money, total, "order");
        }

        /** Six amounts at most, and the texts beyond the line items and properties. */
        private static long encodedSize(Order order) {
            return EventChecks.encodedSize(
                    6,
                    Arrays.asList(order.orderId, order.coupon, order.checkoutId, order.affiliation),
                    order.items,
                    order.properties);
        }
    }
}
