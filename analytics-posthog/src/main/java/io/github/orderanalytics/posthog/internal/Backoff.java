package io.github.orderanalytics.posthog.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, and {@code Retry-After} as PostHog or a proxy may send it. */
final class Backoff {
    /** A Retry-After longer than this is taken as this: events wait in memory meanwhile. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final long initialMillis;
    private final long maxMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first): half the exponential
     * delay plus a random share of the other half, so that many clients do not retry in step;
     * never less than what {@code Retry-After} asked for.
     */
    long delayMillis(int retry, Optional<Duration> retryAfter) {
        long exponential = initialMillis << Math.min(retry - 1, 30);
        long capped = exponential <= 0 ? maxMillis : Math.min(exponential, maxMillis);
        long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter.isPresent()) {
            long asked = Math.min(retryAfter.get().toMillis(), MAX_RETRY_AFTER.toMillis());
            delay = Math.max(delay, asked);
        }
        return delay;
    }

    /** Parses a {@code Retry-After} value: whole seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
