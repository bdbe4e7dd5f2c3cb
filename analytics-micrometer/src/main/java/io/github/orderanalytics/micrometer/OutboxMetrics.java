package io.github.orderanalytics.micrometer;

import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes an outbox relay's view of the outbox table to Micrometer.
 *
 * <pre>{@code
 * new OutboxMetrics(relay).bindTo(meterRegistry);
 * }</pre>
 *
 * <ul>
 *   <li>{@code order.analytics.outbox.pending} (gauge): rows waiting to be delivered, all relays';
 *   <li>{@code order.analytics.outbox.oldest.age} (time gauge): how long the oldest of them has
 *       waited, 0 when none waits; alert when it grows;
 *   <li>{@code order.analytics.outbox.dead} (gauge): rows PostHog refused for good, kept with their reason;
 *   <li>{@code order.analytics.outbox.relayed} (counter): rows this relay handled, tag {@code outcome}
 *       = {@code delivered}, {@code rescheduled} or {@code dead} (PostHog refused the row for good).
 * </ul>
 *
 * <p>The table is read at most once per {@code refresh} (5 s by default), however often the
 * registry asks; when the database cannot be read, the gauges report NaN. Meters hold the relay
 * weakly, as Micrometer's function meters do.
 *
 * @since 0.1.0
 */
public final class OutboxMetrics implements MeterBinder {
    private final OutboxRelay relay;
    private final Iterable<Tag> tags;
    private final long refreshNanos;
    private OutboxStats last;
    private long readAt;

    public OutboxMetrics(OutboxRelay relay) {
        this(relay, Tags.empty(), Duration.ofSeconds(5));
    }

    /** With {@code tags} on every meter, reading the table at most once per {@code refresh}. */
    public OutboxMetrics(OutboxRelay relay, Iterable<Tag> tags, Duration refresh) {
        this.relay = Objects.requireNonNull(relay, "relay == null");
        this.tags = Objects.requireNonNull(tags, "tags == null");
        this.refreshNanos = Objects.requireNonNull(refresh, "refresh == null").toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry == null");
        gauge(registry, "order.analytics.outbox.pending", "Outbox rows waiting to be delivered", OutboxStats::pending);
        gauge(registry, "order.analytics.outbox.dead", "Outbox rows PostHog refused for good", OutboxStats::dead);
        TimeGauge.builder(
                        "order.analytics.outbox.oldest.age",
                        relay,
                        TimeUnit.SECONDS,
                        r -> read(s -> s.oldestPendingAge()
                                .map(age -> age.toMillis() / 1000.0)
                                .orElse(0.0)))
                .description("How long the oldest waiting outbox row has waited")
                .tags(tags)
                .register(registry);
        relayed(registry, "delivered", OutboxStats::delivered);
        relayed(registry, "rescheduled", OutboxStats::rescheduled);
        relayed(registry, "dead", OutboxStats::markedDead);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<OutboxStats> value) {
        Gauge.builder(name, relay, r -> read(value))
                .description(description)
                .baseUnit("rows")
                .tags(tags)
                .register(registry);
    }

    private void relayed(MeterRegistry registry, String outcome, ToDoubleFunction<OutboxStats> value) {
        FunctionCounter.builder("order.analytics.outbox.relayed", relay, r -> read(value))
                .description("Outbox rows this relay handled, by outcome")
                .baseUnit("rows")
                .tags(tags)
                .tags("outcome", outcome)
                .register(registry);
    }

    private synchronized double read(ToDoubleFunction<OutboxStats> value) {
        long now = System.nanoTime();
        if (last == null || now - readAt >= refreshNanos) {
            try {
                last = relay.stats();
                readAt = now;
            } catch (SQLException | RuntimeException e) { // the table missing, say: a gap, not a failure
                return Double.NaN;
            }
        }
        return value.applyAsDouble(last);
    }
}
