package io.github.orderanalytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
public final class Order {
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
     * Largest order as encoded JSON, in bytes: half of PostHog's 1 MB event limit, leaving ample
     * room for the identity and the library's own properties.
     */
    public static final int MAX_ENCODED_BYTES = 512 * 1024;

    private final String orderId;
    private final Money total;
    private final Instant placedAt;
    private final Money subtotal;
    private final Money tax;
    private final Money shipping;
    private final Money discount;
    private final String coupon;
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
        this.items = List.copyOf(b.items);
        this.properties =
                b.properties.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
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
        b.items.addAll(items);
        b.properties.putAll(properties);
        return b;
    }

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

    /** The line items, in the order they were added; immutable. */
    public List<LineItem> items() {
        return items;
    }

    /** Custom properties in insertion order; immutable, and so is every nested list and map. */
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
    public int encodedSizeBound() {
        return (int) encodedSizeBound;
    }

    /**
     * The revenue as PostHog's e-commerce spec defines it: the total less tax and shipping (each
     * only when set). Never negative: {@link Builder#build()} checks it.
     */
    public Money revenue() {
        BigDecimal revenue = total.amount();
        if (tax != null) {
            revenue = revenue.subtract(tax.amount());
        }
        if (shipping != null) {
            revenue = revenue.subtract(shipping.amount());
        }
        return new Money(revenue, total.currency());
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
        private Instant placedAt;
        private Money subtotal;
        private Money tax;
        private Money shipping;
        private Money discount;
        private String coupon;
        private final List<LineItem> items = new ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String orderId, Money total) {
            this.orderId = Text.require("orderId", orderId, MAX_ID_LENGTH);
            this.total = Objects.requireNonNull(total, "total == null");
        }

        /** When the order was placed; the event's timestamp. Default: the time of {@link #build()}. */
        public Builder placedAt(Instant placedAt) {
            Objects.requireNonNull(placedAt, "placedAt == null");
            // In whole seconds from the millisecond clock: no allocation, no overflow for Instant.MAX.
            long latest = System.currentTimeMillis() / 1000 + MAX_PLACED_AT_AHEAD.getSeconds();
            if (placedAt.getEpochSecond() >= latest) {
                throw new IllegalArgumentException("placedAt must be at most 23 hours ahead of now, as PostHog"
                        + " moves later events to the time they arrive: " + placedAt);
            }
            this.placedAt = placedAt;
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

        /** Adds a line item; its price must be in the order's currency. */
        public Builder item(LineItem item) {
            Objects.requireNonNull(item, "item == null");
            if (items.size() >= MAX_ITEMS) {
                throw new IllegalArgumentException("items: an order has at most " + MAX_ITEMS + " line items");
            }
            sameCurrency("items[" + items.size() + "].price", item.price());
            items.add(item);
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
        public Builder property(String key, Object value) {
            CustomProperties.key(key);
            if (!properties.containsKey(key) && properties.size() >= MAX_PROPERTIES) {
                throw new IllegalArgumentException("properties: an order has at most " + MAX_PROPERTIES
                        + " custom properties, cannot add " + Text.quote(key));
            }
            properties.put(key, CustomProperties.value("properties." + key, value));
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
            BigDecimal taxAndShipping = sum(tax, shipping);
            if (taxAndShipping.compareTo(total.amount()) > 0) {
                throw new IllegalArgumentException("tax and shipping (" + new Money(taxAndShipping, total.currency())
                        + ") must not exceed the total (" + total + ")");
            }
            Order order = new Order(this, placedAt != null ? placedAt : Instant.now());
            long size = order.encodedSizeBound;
            if (size > MAX_ENCODED_BYTES) {
                throw new IllegalArgumentException("order " + orderId + " is too large for one PostHog event: up to "
                        + size + " bytes as JSON, the limit is " + MAX_ENCODED_BYTES
                        + " (fewer items or smaller custom properties)");
            }
            return order;
        }

        private Money sameCurrency(String field, Money money) {
            Objects.requireNonNull(money, () -> field + " == null");
            if (!money.currency().equals(total.currency())) {
                throw new IllegalArgumentException(field + " is in " + money.currencyCode()
                        + " but the order total is in " + total.currencyCode() + ": " + money);
            }
            return money;
        }

        private static BigDecimal sum(Money a, Money b) {
            if (a == null) {
                return b == null ? BigDecimal.ZERO : b.amount();
            }
            return b == null ? a.amount() : a.amount().add(b.amount());
        }

        /** An amount's JSON text: up to 15 integer digits, a point and up to 4 decimals. */
        private static final long MONEY_BYTES = Money.MAX_INTEGER_DIGITS + 5;

        /** Generous per-field overheads for key names and punctuation keep this an upper bound. */
        private static long encodedSize(Order order) {
            long n = 400 + EncodedSize.text(order.orderId) + 6 * MONEY_BYTES;
            if (order.coupon != null) {
                n += EncodedSize.text(order.coupon);
            }
            for (LineItem item : order.items) {
                n += 120 + MONEY_BYTES + item.encodedTextSize();
            }
            for (Map.Entry<String, Object> e : order.properties.entrySet()) {
                n += 2 + EncodedSize.text(e.getKey()) + EncodedSize.value(e.getValue());
            }
            return n;
        }
    }
}
