package io.github.orderanalytics;

import java.util.Objects;

/** Checks for the text fields of the value types, with messages that name the field and value. */
final class Text {
    private Text() {}

    /** Longest quoted value in an error message: enough to recognise it, not enough to flood a log. */
    private static final int QUOTE_LIMIT = 60;

    static String require(String field, String value, int maxLength) {
        Objects.requireNonNull(value, () -> field + " == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + quote(value));
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was "
                    + value.length() + ": " + quote(value));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(field + " must not contain control characters (U+"
                        + String.format("%04X", (int) c) + " at index " + i + "): " + quote(value));
            }
        }
        return value;
    }

    static String quote(Object value) {
        String text = String.valueOf(value);
        if (text.length() > QUOTE_LIMIT) {
            text = text.substring(0, QUOTE_LIMIT) + "…";
        }
        return "'" + text + "'";
    }
}
