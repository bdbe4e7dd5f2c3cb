package io.github.orderanalytics.spring;

import io.github.orderanalytics.outbox.OutboxRelay;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Durable delivery through a transactional outbox table, under {@code order-analytics.outbox} (needs
 * analytics-outbox and a {@code DataSource}).
 *
 * @since 0.1.0
 */
public class OutboxProperties {
    /**
     * Whether order events are written to the outbox table in the order's own transaction and
     * relayed from there; the OrderAnalytics bean is then the outbox.
     */
    private boolean enabled;

    /**
     * The bean name of the DataSource that holds the outbox table; default the only DataSource, or
     * the primary one. Orders must be placed in transactions on this DataSource.
     */
    private @Nullable String dataSource;

    /**
     * When the starter creates the outbox table (with the shipped, idempotent DDL) at start: for an
     * embedded database only (H2 in memory or in a file), always, or never (a migration tool does).
     */
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

    /**
     * How long dead rows (PostHog refused them for good) are kept before a scheduled purge deletes
     * them; unset, they are kept until you act. With a unit ({@code 30d}) or ISO-8601 ({@code P30D}),
     * more than zero: a bare number is refused, as it would mean milliseconds.
     */
    private @Nullable Duration deadRetention;

    /** The outbox table, schema-qualified if need be. */
    private String table = "order_analytics_outbox";

    /** Whether this instance runs a relay (every instance may; the database coordinates them). */
    private boolean relayEnabled = true;

    /** Most rows a relay claims and sends in one round. */
    private int batchSize = OutboxRelay.DEFAULT_BATCH_SIZE;

    /** Most bytes of payload one relay round holds; large rows make rounds of fewer rows. */
    private DataSize maxBatchBytes = DataSize.ofBytes(OutboxRelay.DEFAULT_MAX_BATCH_BYTES);

    /** How often an idle relay looks for due rows. */
    private Duration pollInterval = Duration.ofMillis(OutboxRelay.DEFAULT_POLL_INTERVAL_MILLIS);

    /**
     * How long claimed rows stay a relay's if it stops renewing them (it renews them while a round's
     * requests run); after it, another relay may take them.
     */
    private Duration lease = Duration.ofSeconds(OutboxRelay.DEFAULT_LEASE_SECONDS);

    /** The first delay after a failed delivery, doubled per attempt. */
    private Duration initialBackoff = Duration.ofMillis(OutboxRelay.DEFAULT_INITIAL_BACKOFF_MILLIS);

    /** The longest delay between attempts; rows are retried until delivered. */
    private Duration maxBackoff = Duration.ofSeconds(OutboxRelay.DEFAULT_MAX_BACKOFF_SECONDS);

    /** The age of the oldest waiting row above which the orderAnalyticsOutbox health contributor says DOWN. */
    private Duration maxPendingAge = Duration.ofMinutes(10);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getDataSource() {
        return dataSource;
    }

    public void setDataSource(@Nullable String dataSource) {
        this.dataSource = dataSource;
    }

    public InitializeSchema getInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(InitializeSchema initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public @Nullable Duration getDeadRetention() {
        return deadRetention;
    }

    public void setDeadRetention(@Nullable Duration deadRetention) {
        this.deadRetention = deadRetention;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public DataSize getMaxBatchBytes() {
        return maxBatchBytes;
    }

    public void setMaxBatchBytes(DataSize maxBatchBytes) {
        this.maxBatchBytes = maxBatchBytes;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxPendingAge() {
        return maxPendingAge;
    }

    public void setMaxPendingAge(Duration maxPendingAge) {
        this.maxPendingAge = maxPendingAge;
    }

    /** When the starter creates the outbox table, as Spring Batch and Quartz decide for theirs. */
    public enum InitializeSchema {
        /** Only on an embedded database (H2): tests and local runs, never a production server. */
        EMBEDDED,
        /** At every start; the DDL creates only what is missing. */
        ALWAYS,
        /** Never: a migration tool (Flyway, Liquibase) creates it. */
        NEVER
    }
}
