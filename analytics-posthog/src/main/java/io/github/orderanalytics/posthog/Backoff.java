package io.github.orderanalytics.posthog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: how the client spaces the retries of a request, and how the
 * outbox relay spaces the attempts of a row.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.between(Duration.ofSeconds(1), Duration.ofMinutes(10));
 * backoff.delay(1, Optional.empty());                      // 0.5 s to 1 s
 * backoff.delay(3, Optional.empty());                      // 2 s to 4 s
 * backoff.delay(3, Optional.of(Duration.ofSeconds(30)));   // 30 s: a longer Retry-After wins
 * }</pre>
 *
 * <p>Attempt {@code n} waits between half and all of its {@link #ceiling(int) ceiling},
 * {@code min(initial × 2^(n-1), max)}; the share is drawn at random, so that clients that failed
 * together do not all try again at the same moment.
 *
 * @since 0.1.0
 */
public final class Backoff {
    /** Each call asks the calling thread's own generator: nothing shared between threads. */
    private static final RandomGenerator THREAD_LOCAL = new RandomGenerator() {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public long nextLong(long bound) {
            return ThreadLocalRandom.current().nextLong(bound);
        }
    };

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    private Backoff(long initialMillis, long maxMillis, RandomGenerator random) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /**
     * From {@code initial} (the first attempt's ceiling) doubling up to {@code max}.
     *
     * @throws IllegalArgumentException if either is not positive, or {@code max} is less than {@code initial}
     */
    public static Backoff between(Duration initial, Duration max) {
        return between(initial, max, THREAD_LOCAL);
    }

    /** The same, with jitter drawn from {@code random}: tests pass one that gives known values. */
    public static Backoff between(Duration initial, Duration max, RandomGenerator random) {
        Objects.requireNonNull(initial, "initial == null");
        Objects.requireNonNull(max, "max == null");
        Objects.requireNonNull(random, "random == null");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must not be less than initial (" + initial + ")");
        }
        return new Backoff(Math.max(1, initial.toMillis()), max.toMillis(), random);
    }

    /**
     * The longest attempt {@code attempt} (1 for the first) waits, without jitter:
     * {@code min(initial × 2^(attempt-1), max)}.
     */
    public Duration ceiling(int attempt) {
        return Duration.ofMillis(ceilingMillis(attempt));
    }

    /**
     * How long to wait before attempt {@code attempt} (1 for the first): half its ceiling plus a
     * random share of the other half, and never less than {@code atLeast} (a server's
     * {@code Retry-After}, say).
     */
    public Duration delay(int attempt, Optional<Duration> atLeast) {
        long ceiling = ceilingMillis(attempt);
        long delay = ceiling / 2 + random.nextLong(ceiling / 2 + 1);
        if (atLeast.isPresent()) {
            delay = Math.max(delay, atLeast.get().toMillis());
        }
        return Duration.ofMillis(delay);
    }

    private long ceilingMillis(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        // Past max: no shift that could overflow.
        if (doublings >= 62 || initialMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return Math.min(initialMillis << doublings, maxMillis);
    }

    @Override
    public String toString() {
        return "Backoff{" + Duration.ofMillis(initialMillis) + " doubling to " + Duration.ofMillis(maxMillis) + "}";
    }
}
