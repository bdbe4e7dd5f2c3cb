package io.github.orderanalytics.posthog.internal.pipeline;

import io.github.orderanalytics.posthog.Backoff;
import io.github.orderanalytics.posthog.RetrySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides what a request's outcome means for its events: delivered, retried after a backoff,
 * split to isolate bad events, or rejected. Pure: no I/O, no waiting, so every rule is unit-tested.
 */
final class RetryPolicy {
    /** A Retry-After longer than this is taken as this: events wait in memory meanwhile. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    enum Action {
        /** PostHog took the events (2xx). */
        DELIVERED,
        /** Send the same events again after {@link Decision#delayNanos()}. */
        RETRY,
        /** 400 or 413: halve the request until the offending events stand alone. */
        SPLIT,
        /** 401 or 403: PostHog refused the API key; drop the events as API_KEY_REFUSED. */
        KEY_REFUSED,
        /** Refused for good (a redirect, another 4xx): drop the events as REJECTED. */
        REJECT,
        /** Retryable, but the retry budget is spent: drop the events as RETRIES_EXHAUSTED. */
        GIVE_UP
    }

    record Decision(Action action, long delayNanos) {}

    private final int maxRetries;
    private final Backoff backoff;

    RetryPolicy(RetrySettings settings) {
        this(settings, settings.backoff());
    }

    /** With the given backoff: tests pass one whose jitter they know. */
    RetryPolicy(RetrySettings settings, Backoff backoff) {
        this.maxRetries = settings.maxRetries();
        this.backoff = backoff;
    }

    /** What to do after {@code result}, when the request has been retried {@code retriesSoFar} times. */
    Decision decide(SendResult result, int retriesSoFar, Instant now) {
        int status = result.status();
        if (status >= 200 && status < 300) {
            return new Decision(Action.DELIVERED, 0);
        }
        if (status == 400 || status == 413) {
            return new Decision(Action.SPLIT, 0);
        }
        if (status == 401 || status == 403) {
            return new Decision(Action.KEY_REFUSED, 0);
        }
        if (!isRetryable(status)) {
            return new Decision(Action.REJECT, 0);
        }
        if (retriesSoFar >= maxRetries) {
            return new Decision(Action.GIVE_UP, 0);
        }
        long millis = delayMillis(retriesSoFar + 1, retryAfter(result.retryAfter(), now));
        return new Decision(Action.RETRY, millis * 1_000_000);
    }

    /** No answer (0), 408, 429 and 5xx may succeed later; everything else will not. */
    static boolean isRetryable(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first): the {@link Backoff}'s
     * delay, never less than what {@code Retry-After} asked for, up to {@link #MAX_RETRY_AFTER}.
     */
    long delayMillis(int retry, Optional<Duration> retryAfter) {
        return backoff.delay(retry, retryAfter).toMillis();
    }

    /**
     * Parses {@code Retry-After} (RFC 9110): whole seconds, or an HTTP date. Seconds beyond
     * {@link #MAX_RETRY_AFTER} and dates further ahead are taken as that; a date in the past is no
     * wait. Anything else (negative or fractional numbers, garbage) is ignored: the normal backoff applies.
     */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (value.length() > 6) { // more than 11 days: far past the cap, and no overflow below
                return Optional.of(MAX_RETRY_AFTER);
            }
            return Optional.of(min(Duration.ofSeconds(Long.parseLong(value)), MAX_RETRY_AFTER));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : min(wait, MAX_RETRY_AFTER));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
