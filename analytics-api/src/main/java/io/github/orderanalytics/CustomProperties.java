package io.github.orderanalytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates custom order properties and copies them into immutable, JSON-like values, so that
 * what the caller changes after {@code build()} never reaches the event.
 */
final class CustomProperties {
    private CustomProperties() {}

    /** Names of the standard {@code order_placed} properties, and those PostHog reads from properties. */
    static final Set<String> RESERVED = Set.of(
            "order_id",
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
            "distinct_id",
            "token");

    static String key(String key) {
        Objects.requireNonNull(key, "property key == null");
        Text.require("property key", key, Order.MAX_ID_LENGTH);
        if (key.startsWith("$")) {
            throw new IllegalArgumentException(
                    "property key must not start with '$' (reserved by PostHog): " + Text.quote(key));
        }
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException(
                    "property key clashes with a standard order_placed property: " + Text.quote(key));
        }
        return key;
    }

    /** Returns an immutable copy of {@code value}, or throws naming {@code path} and the value. */
    static Object value(String path, Object value) {
        return copy(path, value, 0);
    }

    private static Object copy(String path, Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            return number(path, number);
        }
        if (value.getClass().getPackageName().equals("java.time")) {
            return value; // every public java.time type is immutable and has an ISO-8601 text form
        }
        if (depth >= Order.MAX_PROPERTY_DEPTH) {
            throw new IllegalArgumentException(
                    path + " is nested deeper than " + Order.MAX_PROPERTY_DEPTH + " levels (a cycle?)");
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(
                            path + " has a key that is not a String: " + Text.quote(e.getKey()));
                }
                copy.put(key, copy(path + "." + key, e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object element : list) {
                copy.add(copy(path + "[" + i++ + "]", element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " must be null, a String, Boolean, finite Number, java.time value,"
                + " or a List or Map of those, was " + value.getClass().getName() + ": " + Text.quote(value));
    }

    private static Number number(String path, Number number) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            throw new IllegalArgumentException(path + " must be a finite number, was " + number);
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
                + " BigInteger or BigDecimal, was " + number.getClass().getName() + ": " + number);
    }
}
