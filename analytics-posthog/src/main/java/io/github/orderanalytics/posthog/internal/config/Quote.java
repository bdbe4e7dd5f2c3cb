package io.github.orderanalytics.posthog.internal.config;

/**
 * A value for an error or log message: shortened, with control characters escaped, so no log line breaks.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class Quote {
    private Quote() {}

    private static final int LIMIT = 100;

    public static String of(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), LIMIT) + 8).append('\'');
        for (int i = 0; i < value.length() && i < LIMIT; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (value.length() > LIMIT) {
            b.append("…");
        }
        return b.append('\'').toString();
    }
}
