package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import io.github.orderanalytics.spring.reconcile.ReconcileMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and the reconciliation: the last run's counts as gauges ({@code
 * order.analytics.reconcile.*}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsReconcileAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
public class OrderAnalyticsReconcileMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(ReconcileJob.class)
    @ConditionalOnMissingBean
    public ReconcileMetrics orderAnalyticsReconcileMetrics(ReconcileJob job) {
        return new ReconcileMetrics(job);
    }
}
