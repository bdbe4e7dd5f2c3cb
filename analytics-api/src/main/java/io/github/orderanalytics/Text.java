package io.github.orderanalytics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Checks for the text fields of the value types, and how values appear in error messages: named,
 * shortened and escaped, so that no message grows with the input or breaks a log line.
 */
final class Text {
    private Text() {}

    /** Longest part of a value quoted in an error message: enough to recognise it, not enough to flood a log. */
    static final int QUOTE_LIMIT = 100;

    /** A required, single-line, well-formed text of at most {@code maxLength} characters. */
    static String require(String field, String value, int maxLength) {
        Objects.requireNonNull(value, () -> field + " == null");
        if (value.length() > maxLength) { // first: everything after this is bounded by maxLength
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was "
                    + value.length() + ": " + quote(value));
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + quote(value));
        }
        for (int i = 0; i < value.length(); i++) { // one pass: controls and lone surrogates
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                throw new IllegalArgumentException(field + " must not contain control characters (" + codePoint(c)
                        + " at index " + i + "): " + quote(value));
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(field + " must not contain a lone surrogate (" + codePoint(c)
                            + " at index " + i + "): " + quote(value));
                }
            }
        }
        return value;
    }

    /** The index of the first control character or lone surrogate in {@code s}, or -1: {@link #require}'s test, without a throw. */
    static int firstUnprintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 == s.length()
                        || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /**
     * Refuses a lone surrogate: it is no character at all, JSON writers fail on it or replace it with
     * {@code ?}, and two order ids differing only there would make the same event uuid.
     */
    static void requireWellFormed(String field, String value) {
        int lone = loneSurrogate(value);
        if (lone >= 0) {
            throw new IllegalArgumentException(field + " must not contain a lone surrogate ("
                    + codePoint(value.charAt(lone)) + " at index " + lone + "): " + quote(value));
        }
    }

    /** The index of the first lone surrogate in {@code s}, or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /**
     * {@code value} in quotes for a message: at most {@value #QUOTE_LIMIT} characters of it, with control
     * characters and lone surrogates escaped, so no CR or LF reaches a log line.
     */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(QUOTE_LIMIT + 32).append('\'');
        int i = 0;
        while (i < value.length() && b.length() <= QUOTE_LIMIT) { // the quoted text, escapes included, stays short
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(i + 1)); // a whole supplementary character
                i += 2;
                continue;
            }
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
            i++;
        }
        b.append('\'');
        if (i < value.length()) {
            b.append("… (").append(value.length()).append(" characters)");
        }
        return b.toString();
    }

    /**
     * {@code value} as it may appear in a log line: every character that could break or disguise the
     * line (controls, line and paragraph separators, bidi and other invisible format characters, lone
     * surrogates) written as {@code \\uXXXX}. An id may hold any of them but controls.
     */
    static String forLog(String value) {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            int type = pair ? Character.getType(value.codePointAt(i)) : Character.getType(c);
            boolean escape = !pair && Character.isSurrogate(c)
                    || type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (escape && b == null) {
                b = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (b != null) {
                if (escape) {
                    b.append(String.format("\\u%04x", (int) c));
                    if (pair) {
                        b.append(String.format("\\u%04x", (int) value.charAt(i + 1)));
                    }
                } else {
                    b.append(c);
                    if (pair) {
                        b.append(value.charAt(i + 1));
                    }
                }
            }
            if (pair) {
                i++;
            }
        }
        return b == null ? value : b.toString();
    }

    /**
     * {@code value} for a log with its first character kept and the rest up to {@code end} hidden:
     * {@code masked("jane@example.com", 4)} is {@code j***@example.com}.
     */
    static String masked(String value, int end) {
        int first = value.offsetByCodePoints(0, 1);
        return forLog(value.substring(0, first)) + "***" + forLog(value.substring(Math.max(first, end)));
    }

    /** An amount for a message: plain where that is short, else in scientific notation; never the size of the input. */
    static String amount(BigDecimal d) {
        if (d.precision() > QUOTE_LIMIT) {
            return "a number of " + d.precision() + " digits";
        }
        return plainLength(d) <= QUOTE_LIMIT ? d.toPlainString() : d.toString();
    }

    /** The length of {@code d.toPlainString()} without a sign, computed without writing it out. */
    static long plainLength(BigDecimal d) {
        if (d.scale() <= 0) {
            return d.precision() - (long) d.scale();
        }
        return Math.max(d.precision(), d.scale() + 1L) + 1; // digits, a leading 0 if needed, the point
    }
}
