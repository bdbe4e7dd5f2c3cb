package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.micrometer.OutboxMetrics;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.micrometer.core.instrument.Tags;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and the outbox: its meters ({@code order.analytics.outbox.*}), on every instance.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsOutboxAutoConfiguration.class)
@ConditionalOnClass(
        name = {"io.micrometer.core.instrument.binder.MeterBinder", "io.github.orderanalytics.outbox.OutboxRelay"})
public class OrderAnalyticsOutboxMetricsAutoConfiguration {

    /** On every instance with the outbox, relaying or not; the relayed counters where it relays. */
    @Bean
    @ConditionalOnBean(OutboxMonitor.class)
    @ConditionalOnMissingBean(OutboxMetrics.class)
    public OutboxMetrics orderAnalyticsOutboxMetrics(OutboxMonitor monitor, ObjectProvider<OutboxRelay> relay) {
        return new OutboxMetrics(monitor, Optional.ofNullable(relay.getIfAvailable()), Tags.empty());
    }
}
