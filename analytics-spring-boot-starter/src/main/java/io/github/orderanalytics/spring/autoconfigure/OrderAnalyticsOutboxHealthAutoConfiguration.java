package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.health.OutboxHealthIndicator;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator's health support (Spring Boot 4) and the outbox, on every instance: the {@code orderAnalyticsOutbox}
 * health contributor, in no health group; {@code management.health.order-analytics-outbox.enabled=false}
 * removes it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsOutboxAutoConfiguration.class)
@ConditionalOnClass(
        name = {
            "org.springframework.boot.health.contributor.HealthIndicator",
            "io.github.orderanalytics.outbox.OutboxRelay"
        })
public class OrderAnalyticsOutboxHealthAutoConfiguration {

    // On the method: see OrderAnalyticsHealthAutoConfiguration.
    @Bean
    @ConditionalOnEnabledHealthIndicator("order-analytics-outbox")
    @ConditionalOnBean(OutboxMonitor.class)
    public OutboxHealthIndicator orderAnalyticsOutboxHealthIndicator(
            OutboxMonitor monitor, ObjectProvider<OutboxRelay> relay, OrderAnalyticsProperties properties) {
        return new OutboxHealthIndicator(
                monitor,
                Optional.ofNullable(relay.getIfAvailable()),
                properties.getOutbox().getMaxPendingAge());
    }
}
