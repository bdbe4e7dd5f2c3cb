package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.health.OrderAnalyticsHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * With Actuator's health support (Spring Boot 4; Boot 3 keeps it elsewhere and this stays off): the
 * {@code orderAnalytics} health contributor. It is in no health group, liveness and readiness
 * included, unless the application adds it; {@code management.health.order-analytics.enabled=false}
 * removes it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class OrderAnalyticsHealthAutoConfiguration {

    // On the method, not the class: a class's conditions are all loaded before any is evaluated,
    // and this one's class exists only where the class condition above holds.
    @Bean
    @ConditionalOnEnabledHealthIndicator("order-analytics")
    @ConditionalOnSingleCandidate(PostHogOrderAnalytics.class)
    public OrderAnalyticsHealthIndicator orderAnalyticsHealthIndicator(
            PostHogOrderAnalytics client, OrderAnalyticsProperties properties) {
        return new OrderAnalyticsHealthIndicator(client, properties.getHealth().getDownAfter());
    }
}
