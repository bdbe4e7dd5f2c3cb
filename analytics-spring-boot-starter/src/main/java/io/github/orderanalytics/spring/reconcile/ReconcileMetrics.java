package io.github.orderanalytics.spring.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The last reconciliation run's counts as gauges: {@code order.analytics.reconcile.missing},
 * {@code .unexpected}, {@code .mismatched} and {@code .repaired}; NaN before the first run. Counts are
 * data, not liveness: nothing here makes a health check fail.
 *
 * @since 0.1.0
 */
public final class ReconcileMetrics implements MeterBinder {
    private final ReconcileJob job;

    public ReconcileMetrics(ReconcileJob job) {
        this.job = Objects.requireNonNull(job, "job == null");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "missing", "Expected order events PostHog did not hold at the last run", ReconcileRun::missing);
        gauge(
                registry,
                "unexpected",
                "Order events PostHog held that no shop record explains",
                ReconcileRun::unexpected);
        gauge(
                registry,
                "mismatched",
                "Fields that differed between stored and expected events",
                ReconcileRun::mismatched);
        gauge(registry, "repaired", "Missing events PostHog acknowledged when sent again", ReconcileRun::resent);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<ReconcileRun> count) {
        Gauge.builder(
                        "order.analytics.reconcile." + name,
                        job,
                        j -> j.lastRun().map(r -> (double) count.applyAsLong(r)).orElse(Double.NaN))
                .description(description)
                .register(registry);
    }
}
