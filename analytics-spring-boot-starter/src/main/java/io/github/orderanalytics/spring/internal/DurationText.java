package io.github.orderanalytics.spring.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * A duration an operator types where a mistake deletes data (a purge's age, a retention): a number with
 * its unit ({@code 30d}, {@code 12h}) or ISO-8601 ({@code P30D}), and more than zero. A bare number is
 * refused: Spring reads {@code 30} as 30 milliseconds, which would purge every dead row. Not API.
 */
public final class DurationText {
    private static final Pattern WITH_UNIT = Pattern.compile("[+-]?\\d+(ns|us|ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

    private DurationText() {}

    /**
     * The positive duration {@code text} says.
     *
     * @throws IllegalArgumentException naming {@code name} and the text, if it has no unit, cannot be read,
     *     or is zero or negative
     */
    public static Duration positive(String name, String text) {
        String t = text == null ? "" : text.strip();
        Duration d;
        try {
            if (WITH_UNIT.matcher(t).matches()) {
                d = DurationStyle.SIMPLE.parse(t);
            } else if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P") || t.startsWith("-p")) {
                d = Duration.parse(t);
            } else if (BARE_NUMBER.matcher(t).matches()) {
                throw new IllegalArgumentException(name + " must be a number with a unit (30d, 12h, 90m) or ISO-8601"
                        + " (P30D); a bare number is ambiguous, was '" + t + "'");
            } else {
                throw new IllegalArgumentException(name + " is not a duration (30d, 12h, P30D): '" + t + "'");
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " is not a duration (30d, 12h, P30D): '" + t + "'", e);
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be more than zero, was '" + t + "'");
        }
        return d;
    }
}
