package io.github.orderanalytics.outbox;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an {@link OutboxRelay}; every one has a default:
 *
 * <pre>{@code
 * OutboxRelay relay = OutboxRelay.builder(dataSource, client).batchSize(200).build().start();
 * }</pre>
 *
 * <p>Setters refuse null and otherwise only record; {@link #build()} checks every value and the rules across
 * them ({@code docs/architecture.md}, "Where each fact lives").
 *
 * @since 0.1.0
 */
public final class OutboxRelayBuilder {
    final DataSource dataSource;
    EventSender sender;
    String table = OutboxTable.DEFAULT_NAME;
    int batchSize = OutboxRelay.DEFAULT_BATCH_SIZE;
    Duration pollInterval = Duration.ofMillis(OutboxRelay.DEFAULT_POLL_INTERVAL_MILLIS);
    Duration lease = Duration.ofSeconds(OutboxRelay.DEFAULT_LEASE_SECONDS);
    long maxBatchBytes = OutboxRelay.DEFAULT_MAX_BATCH_BYTES;
    Duration initialBackoff = Duration.ofMillis(OutboxRelay.DEFAULT_INITIAL_BACKOFF_MILLIS);
    Duration maxBackoff = Duration.ofSeconds(OutboxRelay.DEFAULT_MAX_BACKOFF_SECONDS);
    Duration shutdownTimeout = Duration.ofSeconds(OutboxRelay.DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);

    @Nullable
    String relayId;

    Clock clock = Clock.systemUTC();

    OutboxRelayBuilder(DataSource dataSource, PostHogOrderAnalytics client) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
        this.sender = Objects.requireNonNull(client, "client == null")::sendNow;
    }

    /** The outbox table, schema-qualified if need be; default {@code order_analytics_outbox}. */
    public OutboxRelayBuilder table(String table) {
        this.table = Objects.requireNonNull(table, "table == null");
        return this;
    }

    /** Most rows claimed and sent in one round (1 to 10,000); default {@value OutboxRelay#DEFAULT_BATCH_SIZE}. */
    public OutboxRelayBuilder batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** How often an idle relay looks for due rows; default {@value OutboxRelay#DEFAULT_POLL_INTERVAL_MILLIS} ms. */
    public OutboxRelayBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
        return this;
    }

    /**
     * Most bytes of payload one round holds (1 MiB to 1 GiB; default {@value OutboxRelay#DEFAULT_MAX_BATCH_BYTES}): a round takes fewer
     * than {@code batchSize} rows when they are large, so memory stays bounded; a single row
     * larger than this still goes, alone.
     */
    public OutboxRelayBuilder maxBatchBytes(long maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
        return this;
    }

    /**
     * How long claimed rows stay this relay's if it stops renewing them (default {@value OutboxRelay#DEFAULT_LEASE_SECONDS} s): while
     * a round's requests are under way the relay renews the lease every third of it, so a round
     * longer than the lease keeps its rows; a relay that dies loses them to another after this.
     */
    public OutboxRelayBuilder lease(Duration lease) {
        this.lease = Objects.requireNonNull(lease, "lease == null");
        return this;
    }

    /**
     * The first delay after a failed delivery, doubled per attempt up to {@code maxBackoff}; default
     * {@value OutboxRelay#DEFAULT_INITIAL_BACKOFF_MILLIS} ms.
     */
    public OutboxRelayBuilder initialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff == null");
        return this;
    }

    /**
     * The longest delay between attempts; default {@value OutboxRelay#DEFAULT_MAX_BACKOFF_SECONDS} s. Rows are retried
     * until delivered.
     */
    public OutboxRelayBuilder maxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff == null");
        return this;
    }

    /** How long {@code close()} waits for the round under way; default {@value OutboxRelay#DEFAULT_SHUTDOWN_TIMEOUT_SECONDS} s. */
    public OutboxRelayBuilder shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
        return this;
    }

    /** This relay's name in {@code claimed_by} (at most 150 characters); default host/pid/random. */
    public OutboxRelayBuilder relayId(String relayId) {
        this.relayId = Objects.requireNonNull(relayId, "relayId == null");
        return this;
    }

    /** For tests of the relay's rounds without HTTP: what the relay sends through instead of the client. */
    OutboxRelayBuilder sender(EventSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender == null");
        return this;
    }

    OutboxRelayBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Checks every setting, then the rules across them, and builds the relay.
     *
     * @throws IllegalArgumentException naming the setting and its value, if one is out of range or
     *     {@code maxBackoff} is shorter than {@code initialBackoff}
     */
    public OutboxRelay build() {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + batchSize);
        }
        if (maxBatchBytes < (1 << 20) || maxBatchBytes > (1L << 30)) {
            throw new IllegalArgumentException(
                    "maxBatchBytes must be between 1 MiB and 1 GiB, was " + maxBatchBytes + " bytes");
        }
        positive("pollInterval", pollInterval);
        positive("lease", lease);
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("shutdownTimeout", shutdownTimeout);
        String id = relayId;
        if (id != null && (id.isBlank() || id.length() > 150)) {
            throw new IllegalArgumentException("relayId must be 1 to 150 characters, was '" + id + "'");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
        return new OutboxRelay(this);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
