package io.github.orderanalytics.posthog.internal.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Range checks for configuration values, with messages that name the setting and its environment variable.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class SettingChecks {
    private SettingChecks() {}

    /** A setting's name with its environment variable, for example {@code flushAt (POSTHOG_FLUSH_AT)}. */
    public static String named(String setting) {
        return setting + " (" + variable(setting) + ")";
    }

    /** The environment variable of a setting: {@code flushAt} is {@code POSTHOG_FLUSH_AT}. */
    public static String variable(String setting) {
        return "POSTHOG_" + setting.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    public static int between(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    named(setting) + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static long between(String setting, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    named(setting) + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * A positive duration of at most {@code max}. The upper bound keeps every duration convertible to
     * nanoseconds, so no timer in the client can overflow.
     */
    public static Duration positive(String setting, Duration value, Duration max) {
        if (value == null) {
            throw new NullPointerException(setting + " == null");
        }
        if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    named(setting) + " must be positive and at most " + max + ", was " + value);
        }
        return value;
    }
}
