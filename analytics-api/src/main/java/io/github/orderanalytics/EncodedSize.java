package io.github.orderanalytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An upper bound of how many bytes a value takes as UTF-8 JSON, so that an order that would not
 * fit in one PostHog event is refused when it is built rather than lost when it is sent.
 */
final class EncodedSize {
    private EncodedSize() {}

    static long text(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                n += 2; // a surrogate pair is 4 bytes: 2 for each half
            } else {
                n += 3;
            }
        }
        return n;
    }

    static long value(@Nullable Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Boolean) {
            return 5;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString().length();
        }
        if (value instanceof Number) {
            return value.toString().length();
        }
        if (value instanceof Map<?, ?> map) {
            long n = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                n += text((String) e.getKey()) + 2 + value(e.getValue());
            }
            return n;
        }
        if (value instanceof List<?> list) {
            long n = 2;
            for (Object element : list) {
                n += 1 + value(element);
            }
            return n;
        }
        return text(value.toString()) + 8; // java.time: ASCII ISO-8601, at most a zone offset longer
    }
}
