package io.github.orderanalytics.posthog.internal.config;

import java.nio.charset.StandardCharsets;
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

    /** A text setting that, when given, must say something: a blank API key is a mistake, not "none". */
    public static String notBlank(String setting, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(named(setting) + " must not be blank");
        }
        return value;
    }

    /**
     * A guest-id key of at least {@code minBytes} bytes of UTF-8: HMAC-SHA256 keys shorter than its output
     * are guessable sooner than the hash itself. Never echoed, only its length.
     */
    public static String guestIdKey(String key, int minBytes) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < minBytes) {
            throw new IllegalArgumentException(named("guestIdKey") + " must be at least " + minBytes
                    + " bytes (for example 64 random hex digits), was " + bytes);
        }
        return key;
    }

    /** A personal API key: one line of visible characters. Never echoed: it is somebody's secret. */
    public static String personalApiKey(String key) {
        String k = key.strip();
        if (k.isEmpty() || !k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(named("personalApiKey")
                    + " must be a personal API key (phx_..., with the scope query:read): one word of visible"
                    + " ASCII characters");
        }
        return k;
    }

    /** A project id is a number: PostHog's Project settings show it, and the query URL carries it. */
    public static String projectId(String id) {
        String i = id.strip();
        if (!i.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException(named("projectId")
                    + " must be the project's number (Project settings, Project ID), like 12345, was "
                    + Quote.of(id));
        }
        return i;
    }
}
