package io.github.orderanalytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates custom order properties and copies them into immutable, JSON-like values, so that
 * what the caller changes after {@code build()} never reaches the event. The walk counts what it
 * visits and stops at {@link Order#MAX_PROPERTY_ELEMENTS}, so its cost is bounded whatever a
 * collection claims about its size.
 */
final class CustomProperties {
    private CustomProperties() {}

    /** Names of the standard order event properties, and those PostHog reads from properties. */
    static final Set<String> RESERVED = Set.of(
            "order_id",
            "refund_id",
            "reason",
            "checkout_id",
            "affiliation",
            "total",
            "currency",
            "revenue",
            "subtotal",
            "tax",
            "shipping",
            "discount",
            "coupon",
            "products",
            "identity_type",
            "guest_id",
            "distinct_id",
            "token");

    /** The java.time values with an ISO-8601 text form: others (a Clock, a ZoneId) are not data. */
    private static final Set<Class<?>> TIME_TYPES = Set.of(
            Instant.class,
            LocalDate.class,
            LocalTime.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            OffsetTime.class,
            ZonedDateTime.class,
            Duration.class,
            Period.class,
            Year.class,
            YearMonth.class);

    /** Most digits a number may have when written out: beyond any real measure, and bounded in size. */
    static final int MAX_NUMBER_DIGITS = 100;

    static String key(String key) {
        Objects.requireNonNull(key, "property key == null");
        Text.require("property key", key, Order.MAX_ID_LENGTH);
        if (key.startsWith("$")) {
            throw new IllegalArgumentException(
                    "property key must not start with '$' (reserved by PostHog): " + Text.quote(key));
        }
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException(
                    "property key clashes with a standard order event property: " + Text.quote(key));
        }
        return key;
    }

    /** Returns an immutable copy of {@code value}, or throws naming {@code path} and the value. */
    static @Nullable Object value(String path, @Nullable Object value) {
        return new Walk().copy(path, value, 0);
    }

    /** One value's walk: counts the elements it visits. */
    private static final class Walk {
        private int elements;

        @Nullable
        Object copy(String path, @Nullable Object value, int depth) {
            if (++elements > Order.MAX_PROPERTY_ELEMENTS) {
                throw new IllegalArgumentException(path + " has more than " + Order.MAX_PROPERTY_ELEMENTS
                        + " values in all (nested lists and maps included)");
            }
            if (value == null || value instanceof Boolean) {
                return value;
            }
            if (value instanceof String s) {
                return string(path, s);
            }
            if (value instanceof Number number) {
                return number(path, number);
            }
            if (TIME_TYPES.contains(value.getClass())) {
                return value; // immutable, and written as ISO-8601
            }
            if (depth >= Order.MAX_PROPERTY_DEPTH) {
                throw new IllegalArgumentException(
                        path + " is nested deeper than " + Order.MAX_PROPERTY_DEPTH + " levels (a cycle?)");
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException(path + " has a key that is not a String but "
                                + (e.getKey() == null
                                        ? "null"
                                        : e.getKey().getClass().getName()));
                    }
                    Text.require(path + " key", key, Order.MAX_ID_LENGTH);
                    copy.put(key, copy(path + "." + key, e.getValue(), depth + 1));
                }
                return Collections.unmodifiableMap(copy);
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(); // not presized: a list may claim any size
                int i = 0;
                for (Object element : list) {
                    copy.add(copy(path + "[" + i++ + "]", element, depth + 1));
                }
                return Collections.unmodifiableList(copy);
            }
            // The class name only: a hostile toString() could be huge, slow or throw.
            throw new IllegalArgumentException(path + " must be null, a String, Boolean, finite Number,"
                    + " java.time date, time or amount of time, or a List or Map of those, was "
                    + value.getClass().getName());
        }
    }

    private static String string(String path, String s) {
        if (s.length() > Order.MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException(path + " is longer than an order may be as JSON ("
                    + Order.MAX_ENCODED_BYTES + " bytes): " + s.length() + " characters");
        }
        Text.requireWellFormed(path, s);
        return s;
    }

    private static Number number(String path, Number number) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException(path + " must be a finite number, was " + number);
        }
        // 2^332 has 100 digits: the bit length bounds a BigInteger's digits without writing it out.
        if (number instanceof BigDecimal d && Text.plainLength(d) > MAX_NUMBER_DIGITS
                || number instanceof BigInteger i && i.bitLength() > 332) {
            throw new IllegalArgumentException(
                    path + " has more than " + MAX_NUMBER_DIGITS + " digits written out: " + describe(number));
        }
        if (number instanceof Integer
                || number instanceof Long
                || number instanceof Double
                || number instanceof BigDecimal
                || number instanceof Short
                || number instanceof Byte
                || number instanceof Float
                || number instanceof BigInteger) {
            return number;
        }
        // AtomicLong, LongAdder and the like are mutable: the event would not show what was set.
        throw new IllegalArgumentException(path + " must be an Integer, Long, Short, Byte, Double, Float,"
                + " BigInteger or BigDecimal, was " + number.getClass().getName());
    }

    private static String describe(Number number) {
        if (number instanceof BigDecimal d) {
            return Text.amount(d);
        }
        BigInteger i = (BigInteger) number;
        return "a number of about " + (long) (i.bitLength() * 0.30103) + " digits";
    }
}
