package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.internal.config.SettingChecks;
import java.time.Duration;

/**
 * How events are held and batched: when a request is sent, how large it may be, and how much may
 * wait in memory. Part of {@link PostHogConfig}; set through its builder.
 *
 * @param flushAt send as soon as this many events wait (1 to {@code maxBatchSize})
 * @param flushInterval send what waits at least this often (at most 1 hour)
 * @param maxBatchSize most events in one request (1 to 10,000)
 * @param maxQueueSize most events held in memory, counting those in requests and waiting for a
 *     retry (1 to 1,000,000)
 * @param maxQueueBytes most bytes held in memory, measured as the sum of the queued orders'
 *     {@linkplain Order#encodedSizeBound() JSON size bounds} (1 MiB to 64 GiB)
 * @param maxRequestsInFlight most requests under way at once (1 to 64)
 * @param requestTimeout how long one request may take until PostHog's answer starts (at most 10 minutes)
 * @param gzip whether request bodies are gzipped
 * @param historicalMigration whether a request whose events are all more than 48 hours old is sent
 *     with PostHog's {@code historical_migration} flag, which routes it to historical ingestion
 *     (PostHog asks for it on backfills of events at least 48 hours old, and only then); for an outbox
 *     relay catching up after a long outage, and for backfills
 * @since 0.1.0
 */
public record BatchSettings(
        int flushAt,
        Duration flushInterval,
        int maxBatchSize,
        int maxQueueSize,
        long maxQueueBytes,
        int maxRequestsInFlight,
        Duration requestTimeout,
        boolean gzip,
        boolean historicalMigration) {

    /** Default {@code maxBatchSize}: {@value} events per request. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    /** Default {@code maxQueueSize}: {@value} events held in memory. */
    public static final int DEFAULT_MAX_QUEUE_SIZE = 50_000;

    /** Default {@code maxQueueBytes}: {@value} bytes (64 MiB). */
    public static final long DEFAULT_MAX_QUEUE_BYTES = 64L * 1024 * 1024;

    /** Default {@code maxRequestsInFlight}: {@value}. */
    public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 4;

    /** Default {@code requestTimeout}, in seconds: {@value}. */
    public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

    /** Default {@code gzip}: {@value}. */
    public static final boolean DEFAULT_GZIP = true;

    /** Default {@code historicalMigration}: {@value}. */
    public static final boolean DEFAULT_HISTORICAL_MIGRATION = false;

    /** How old every event of a request must be for {@link #historicalMigration()} to mark it. */
    public static final Duration HISTORICAL_AGE = Duration.ofHours(48);

    static final int MAX_BATCH_SIZE = 10_000;
    static final int MAX_QUEUE_SIZE = 1_000_000;
    /** Room for the largest order, twice over. */
    static final long MIN_QUEUE_BYTES = 1024 * 1024;

    static final long MAX_QUEUE_BYTES = 64L * 1024 * 1024 * 1024;
    static final int MAX_REQUESTS_IN_FLIGHT = 64;
    static final Duration MAX_FLUSH_INTERVAL = Duration.ofHours(1);
    static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    public BatchSettings {
        SettingChecks.positive("flushInterval", flushInterval, MAX_FLUSH_INTERVAL);
        SettingChecks.between("maxBatchSize", maxBatchSize, 1, MAX_BATCH_SIZE);
        SettingChecks.between("maxQueueSize", maxQueueSize, 1, MAX_QUEUE_SIZE);
        SettingChecks.between("maxQueueBytes", maxQueueBytes, MIN_QUEUE_BYTES, MAX_QUEUE_BYTES);
        SettingChecks.between("maxRequestsInFlight", maxRequestsInFlight, 1, MAX_REQUESTS_IN_FLIGHT);
        SettingChecks.positive("requestTimeout", requestTimeout, MAX_REQUEST_TIMEOUT);
        if (flushAt < 1 || flushAt > maxBatchSize) {
            throw new IllegalArgumentException(SettingChecks.named("flushAt") + " must be between 1 and "
                    + SettingChecks.named("maxBatchSize") + " = " + maxBatchSize + ", was " + flushAt);
        }
    }
}
