package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.micrometer.OutboxMetrics;
import io.github.orderanalytics.outbox.OutboxRelay;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and a relay: the outbox meters ({@code order.analytics.outbox.*}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsOutboxAutoConfiguration.class)
@ConditionalOnClass(
        name = {"io.micrometer.core.instrument.binder.MeterBinder", "io.github.orderanalytics.outbox.OutboxRelay"})
public class OrderAnalyticsOutboxMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    @ConditionalOnMissingBean(OutboxMetrics.class)
    public OutboxMetrics orderAnalyticsOutboxMetrics(OutboxRelay relay) {
        return new OutboxMetrics(relay);
    }
}
