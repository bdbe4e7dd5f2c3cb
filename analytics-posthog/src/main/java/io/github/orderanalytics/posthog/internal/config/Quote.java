package io.github.orderanalytics.posthog.internal.config;

/**
 * A value for an error or log message: shortened, with control characters and lone surrogates escaped,
 * so no log line breaks and no half character is written. The API module quotes by the same rule
 * ({@code Text.quote}); it exports nothing but its API, so the rule is written once per module.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class Quote {
    private Quote() {}

    private static final int LIMIT = 100;

    public static String of(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), LIMIT) + 8).append('\'');
        int i = 0;
        while (i < value.length() && i < LIMIT) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(i + 1)); // a whole supplementary character, never half of one
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
        if (i < value.length()) {
            b.append("…");
        }
        return b.append('\'').toString();
    }
}
