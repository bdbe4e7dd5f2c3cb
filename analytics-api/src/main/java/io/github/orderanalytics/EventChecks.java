package io.github.orderanalytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The checks that every kind of {@link OrderEvent} makes, written once so that an order, a refund
 * and a cancellation refuse the same input with the same message, and the size bound that keeps each
 * of them within one PostHog event.
 */
final class EventChecks {
    private EventChecks() {}

    /** An amount's JSON text: up to 15 integer digits, a point and up to 4 decimals. */
    static final long MONEY_BYTES = Money.MAX_INTEGER_DIGITS + 5;

    /**
     * Refuses a time more than {@link Order#MAX_PLACED_AT_AHEAD} ahead: PostHog moves such an event to
     * the time it arrives, which would put its money on the wrong day. And one before {@link
     * Order#EARLIEST_TIME}: PostHog's timestamps start there, and {@code Instant.MIN} would otherwise
     * pass here and fail later, inside the order's own transaction, where a database cannot hold it.
     */
    static Instant eventTime(String field, Instant time) {
        Objects.requireNonNull(time, () -> field + " == null");
        if (time.isBefore(Order.EARLIEST_TIME)) {
            throw new IllegalArgumentException(field + " must not be before " + Order.EARLIEST_TIME
                    + ", where PostHog's timestamps start: " + time);
        }
        // In whole seconds from the millisecond clock: no allocation, no overflow for Instant.MAX.
        long latest = System.currentTimeMillis() / 1000 + Order.MAX_PLACED_AT_AHEAD.getSeconds();
        if (time.getEpochSecond() >= latest) {
            throw new IllegalArgumentException(field + " must be at most 23 hours ahead of now, as PostHog"
                    + " moves later events to the time they arrive: " + time);
        }
        return time;
    }

    /** {@code money}, if it is in the currency of {@code total}, the total of {@code what} ("order", "refund"). */
    static Money sameCurrency(String field, Money money, Money total, String what) {
        Objects.requireNonNull(money, () -> field + " == null");
        if (!money.currency().equals(total.currency())) {
            throw new IllegalArgumentException(field + " is in " + money.currencyCode() + " but the " + what
                    + " total is in " + total.currencyCode() + ": " + money);
        }
        return money;
    }

    /** Adds {@code item} to {@code items}, bounded in number and in the currency of {@code total}. */
    static void addItem(List<LineItem> items, LineItem item, Money total, String what) {
        Objects.requireNonNull(item, "item == null");
        if (items.size() >= Order.MAX_ITEMS) {
            throw new IllegalArgumentException(
                    "items: " + article(what) + " has at most " + Order.MAX_ITEMS + " line items");
        }
        sameCurrency("items[" + items.size() + "].price", item.price(), total, what);
        items.add(item);
    }

    /** Puts a custom property into {@code properties}: a checked key, a copied value, bounded in number. */
    static void putProperty(Map<String, Object> properties, String key, @Nullable Object value, String what) {
        CustomProperties.key(key);
        if (!properties.containsKey(key) && properties.size() >= Order.MAX_PROPERTIES) {
            throw new IllegalArgumentException("properties: " + article(what) + " has at most " + Order.MAX_PROPERTIES
                    + " custom properties, cannot add " + Text.quote(key));
        }
        properties.put(key, CustomProperties.value("properties." + key, value));
    }

    /** An immutable copy of built properties, in their order. */
    static Map<String, Object> frozen(Map<String, Object> properties) {
        return properties.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Refuses tax and shipping that together exceed the total: the revenue would be negative. */
    static void taxAndShippingWithinTotal(@Nullable Money tax, @Nullable Money shipping, Money total) {
        BigDecimal taxAndShipping = sum(tax, shipping);
        if (taxAndShipping.compareTo(total.amount()) > 0) {
            throw new IllegalArgumentException("tax and shipping (" + new Money(taxAndShipping, total.currency())
                    + ") must not exceed the total (" + total + ")");
        }
    }

    /** The total less tax and shipping, each only when set: the revenue of PostHog's e-commerce spec. */
    static Money revenue(Money total, @Nullable Money tax, @Nullable Money shipping) {
        return new Money(total.amount().subtract(sum(tax, shipping)), total.currency());
    }

    private static BigDecimal sum(@Nullable Money a, @Nullable Money b) {
        if (a == null) {
            return b == null ? BigDecimal.ZERO : b.amount();
        }
        return b == null ? a.amount() : a.amount().add(b.amount());
    }

    /**
     * An upper bound of the JSON bytes of what every kind may carry, beyond its fixed fields: a
     * generous overhead for key names and punctuation, {@code amounts} amounts, the texts (null ones
     * skipped), the items and the custom properties.
     */
    static long encodedSize(int amounts, List<String> texts, List<LineItem> items, Map<String, Object> properties) {
        long n = 400 + amounts * MONEY_BYTES;
        for (String text : texts) {
            if (text != null) {
                n += EncodedSize.text(text);
            }
        }
        for (LineItem item : items) {
            n += 200 + MONEY_BYTES + item.encodedTextSize(); // key names of every product field, and the numbers
        }
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            n += 2 + EncodedSize.text(e.getKey()) + EncodedSize.value(e.getValue());
        }
        return n;
    }

    /** Refuses an event that might not fit in one PostHog event. */
    static void fitsInOneEvent(long size, String what) {
        if (size > Order.MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException(what + " is too large for one PostHog event: up to " + size
                    + " bytes as JSON, the limit is " + Order.MAX_ENCODED_BYTES
                    + " (fewer items or smaller custom properties)");
        }
    }

    private static String article(String what) {
        return (what.startsWith("o") ? "an " : "a ") + what;
    }
}
