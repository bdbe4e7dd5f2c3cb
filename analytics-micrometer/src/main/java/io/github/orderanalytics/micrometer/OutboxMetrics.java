package io.github.orderanalytics.micrometer;

import io.github.orderanalytics.outbox.OutboxBacklog;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.RelayTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Publishes the outbox table and a relay's work to Micrometer.
 *
 * <pre>{@code
 * new OutboxMetrics(relay).bindTo(meterRegistry);                      // an instance that relays
 * new OutboxMetrics(monitor, Optional.empty(), Tags.empty()).bindTo(meterRegistry); // one that only writes
 * }</pre>
 *
 * <ul>
 *   <li>{@code order.analytics.outbox.pending} (gauge): rows waiting to be delivered, all relays';
 *   <li>{@code order.analytics.outbox.oldest.age} (time gauge): how long the oldest of them has
 *       waited, 0 when none waits; alert when it grows;
 *   <li>{@code order.analytics.outbox.dead} (gauge): rows PostHog refused for good, kept with their reason;
 *   <li>{@code order.analytics.outbox.relayed} (counter, where this instance relays): rows this relay
 *       handled, tag {@code outcome} = {@code delivered}, {@code rescheduled} or {@code dead} (PostHog
 *       refused the row for good).
 * </ul>
 *
 * <p>Scraping never waits for the database: the table's gauges come from an {@link OutboxMonitor},
 * which reads it at most once per refresh on a thread of its own, and read NaN while the table cannot
 * be read; the relay's counters come from memory and are always readable. The gauges keep the monitor
 * (a binder nobody keeps still reports); the counters hold the relay weakly, as Micrometer's
 * function meters do.
 *
 * @since 0.1.0
 */
public final class OutboxMetrics implements MeterBinder {
    private final OutboxMonitor monitor;
    private final Optional<OutboxRelay> relay;
    private final Iterable<Tag> tags;

    /** For an instance that relays: the table read at most every 5 s. */
    public OutboxMetrics(OutboxRelay relay) {
        this(relay, Tags.empty(), Duration.ofSeconds(5));
    }

    /** With {@code tags} on every meter, reading the table at most once per {@code refresh}. */
    public OutboxMetrics(OutboxRelay relay, Iterable<Tag> tags, Duration refresh) {
        this(
                OutboxMonitor.create(
                        Objects.requireNonNull(relay, "relay == null").admin(), refresh),
                Optional.of(relay),
                tags);
    }

    /**
     * The table through {@code monitor}, and the work of {@code relay} where this instance runs one
     * (empty where it does not: then there is no {@code relayed} counter).
     */
    public OutboxMetrics(OutboxMonitor monitor, Optional<OutboxRelay> relay, Iterable<Tag> tags) {
        this.monitor = Objects.requireNonNull(monitor, "monitor == null");
        this.relay = Objects.requireNonNull(relay, "relay == null");
        this.tags = Objects.requireNonNull(tags, "tags == null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry == null");
        gauge(
                registry,
                "order.analytics.outbox.pending",
                "Outbox rows waiting to be delivered",
                OutboxBacklog::pending);
        gauge(registry, "order.analytics.outbox.dead", "Outbox rows PostHog refused for good", OutboxBacklog::dead);
        TimeGauge.builder(
                        "order.analytics.outbox.oldest.age",
                        () -> backlog(b -> b.oldestPendingAge()
                                .map(age -> age.toMillis() / 1000.0)
                                .orElse(0.0)),
                        TimeUnit.SECONDS)
                .description("How long the oldest waiting outbox row has waited")
                .tags(tags)
                .register(registry);
        relay.ifPresent(r -> {
            relayed(registry, r, "delivered", RelayTotals::delivered);
            relayed(registry, r, "rescheduled", RelayTotals::rescheduled);
            relayed(registry, r, "dead", RelayTotals::dead);
        });
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<OutboxBacklog> value) {
        Gauge.builder(name, () -> backlog(b -> value.applyAsLong(b)))
                .description(description)
                .baseUnit("rows")
                .tags(tags)
                .register(registry);
    }

    private double backlog(ToDoubleFunction<OutboxBacklog> value) {
        return monitor.latest().backlog().map(value::applyAsDouble).orElse(Double.NaN);
    }

    private void relayed(MeterRegistry registry, OutboxRelay relay, String outcome, ToLongFunction<RelayTotals> value) {
        FunctionCounter.builder("order.analytics.outbox.relayed", relay, r -> value.applyAsLong(r.totals()))
                .description("Outbox rows this relay handled, by outcome")
                .baseUnit("rows")
                .tags(tags)
                .tags("outcome", outcome)
                .register(registry);
    }
}
