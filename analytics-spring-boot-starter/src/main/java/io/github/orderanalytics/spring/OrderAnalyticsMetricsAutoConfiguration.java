package io.github.orderanalytics.spring;

import io.github.orderanalytics.micrometer.OrderAnalyticsMetrics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer: the client's delivery numbers as meters. Spring Boot's metrics support binds every
 * {@code MeterBinder} bean to the application's registries.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OrderAnalyticsAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
public class OrderAnalyticsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(name = OrderAnalyticsAutoConfiguration.CLIENT)
    @ConditionalOnMissingBean(OrderAnalyticsMetrics.class)
    public OrderAnalyticsMetrics orderAnalyticsMetrics(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT) PostHogOrderAnalytics client) {
        return new OrderAnalyticsMetrics(client);
    }
}
