package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.micrometer.OrderAnalyticsMetrics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer: the delivery numbers of the one {@code PostHogOrderAnalytics} bean, the
 * starter's or a user's own, as meters. Spring Boot's metrics support binds every
 * {@code MeterBinder} bean to the application's registries.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
public class OrderAnalyticsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnSingleCandidate(PostHogOrderAnalytics.class)
    @ConditionalOnMissingBean(OrderAnalyticsMetrics.class)
    public OrderAnalyticsMetrics orderAnalyticsMetrics(PostHogOrderAnalytics client) {
        return new OrderAnalyticsMetrics(client);
    }
}
