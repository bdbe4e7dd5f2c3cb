package io.github.orderanalytics.posthog.internal.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text forms of settings, as they come from environment variables.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class SettingText {
    private SettingText() {}

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** ISO-8601 ({@code PT2S}) or a whole number with a unit ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration such as PT2S: " + Quote.of(text), e);
            }
        }
        Matcher m = WITH_UNIT.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is too large: " + Quote.of(text), e);
            }
            try {
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "m":
                        return Duration.ofMinutes(n);
                    default:
                        return Duration.ofHours(n);
                }
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("is too large: " + Quote.of(text), e);
            }
        }
        if (t.matches("\\d+")) {
            throw new IllegalArgumentException("is a bare number, which is ambiguous: add a unit, as in " + text.trim()
                    + "ms or " + text.trim() + "s: " + Quote.of(text));
        }
        throw new IllegalArgumentException("is not a duration: use ISO-8601 (PT2S) or a number with a unit"
                + " (500ms, 2s, 1m): " + Quote.of(text));
    }

    public static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number: " + Quote.of(text), e);
        }
    }

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(b|kib|mib|gib)?");

    /** A whole number of bytes, optionally with a binary unit: {@code 67108864}, {@code 65536KiB}, {@code 64MiB}, {@code 1GiB}. */
    public static long bytes(String text) {
        Matcher m = BYTES.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "is not a size: use a whole number of bytes, or KiB, MiB or GiB (64MiB): " + Quote.of(text));
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = unit.equals("kib") ? 10 : unit.equals("mib") ? 20 : unit.equals("gib") ? 30 : 0;
        try {
            long n = Long.parseLong(m.group(1));
            return Math.multiplyExact(n, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("is too large: " + Quote.of(text), e);
        }
    }

    public static boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false: " + Quote.of(text));
    }

    public static <E extends Enum<E>> E oneOf(Class<E> type, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("must be one of " + names + ": " + Quote.of(text));
    }
}
