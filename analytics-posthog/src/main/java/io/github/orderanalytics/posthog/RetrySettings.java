package io.github.orderanalytics.posthog;

import io.github.orderanalytics.posthog.internal.config.SettingChecks;
import java.time.Duration;

/**
 * How a failed request is retried: the retry budget and the exponential backoff between tries
 * (with jitter, and never shorter than PostHog's {@code Retry-After}). Part of
 * {@link PostHogConfig}; set through its builder.
 *
 * @param maxRetries how many times one request is sent again after a retryable failure (0 to 1,000)
 * @param initialBackoff the first retry's delay before jitter (at most 1 hour)
 * @param maxBackoff the longest delay between tries, at least {@code initialBackoff} (at most 1 hour)
 * @since 0.1.0
 */
public record RetrySettings(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    /** Default {@code maxRetries} per request: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = 10;

    /** Default {@code initialBackoff}, in milliseconds: {@value}. */
    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1_000;

    /** Default {@code maxBackoff}, in seconds: {@value}. */
    public static final long DEFAULT_MAX_BACKOFF_SECONDS = 30;

    static final int MAX_RETRIES = 1_000;
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    public RetrySettings {
        SettingChecks.between("maxRetries", maxRetries, 0, MAX_RETRIES);
        SettingChecks.positive("initialBackoff", initialBackoff, MAX_BACKOFF);
        SettingChecks.positive("maxBackoff", maxBackoff, MAX_BACKOFF);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(SettingChecks.named("maxBackoff") + " = " + maxBackoff
                    + " must not be less than " + SettingChecks.named("initialBackoff") + " = " + initialBackoff);
        }
    }

    /** The backoff between tries: from {@code initialBackoff} doubling up to {@code maxBackoff}. */
    public Backoff backoff() {
        return Backoff.between(initialBackoff, maxBackoff);
    }
}
