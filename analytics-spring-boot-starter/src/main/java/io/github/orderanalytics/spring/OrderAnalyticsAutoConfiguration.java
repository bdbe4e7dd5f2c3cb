package io.github.orderanalytics.spring;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.micrometer.OrderAnalyticsMetrics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * Auto-configuration of order analytics for Spring Boot: the built-in PostHog client as a bean, closed
 * by the application context (never by a JVM shutdown hook of its own), an {@link OrderAnalytics} bean
 * that reports after commit, and a listener for {@link OrderPlacedEvent}. A user's own
 * {@code OrderAnalytics} bean wins; {@code order-analytics.enabled=false} gives the no-op.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(PostHogOrderAnalytics.class)
@EnableConfigurationProperties(OrderAnalyticsProperties.class)
public class OrderAnalyticsAutoConfiguration {
    /** The bean name of the starter's own client, so the wrapper never wraps a user's bean. */
    static final String CLIENT = "orderAnalyticsPostHogClient";

    private static final String TRANSACTIONS =
            "org.springframework.transaction.support.TransactionSynchronizationManager";

    @Bean(name = CLIENT, destroyMethod = "close")
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnProperty(prefix = "order-analytics", name = "enabled", havingValue = "true", matchIfMissing = true)
    public PostHogOrderAnalytics orderAnalyticsPostHogClient(OrderAnalyticsProperties properties) {
        return PostHogOrderAnalytics.create(properties.getPosthog().toConfig(System.getenv()));
    }

    @Bean
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnProperty(prefix = "order-analytics", name = "enabled", havingValue = "false")
    public OrderAnalytics disabledOrderAnalytics() {
        return OrderAnalytics.noop();
    }

    // Member configuration classes would be evaluated before the client above exists: these stay
    // methods, in this order, each guarded by its own class condition.

    /** With Spring's transactions, the bean to inject: reports after commit, never on rollback. */
    @Bean
    @Primary
    @ConditionalOnClass(name = TRANSACTIONS)
    @ConditionalOnBean(name = CLIENT)
    public TransactionAwareOrderAnalytics orderAnalytics(@Qualifier(CLIENT) PostHogOrderAnalytics client) {
        return new TransactionAwareOrderAnalytics(client);
    }

    @Bean
    @ConditionalOnClass(name = TRANSACTIONS)
    @ConditionalOnBean(OrderAnalytics.class)
    public OrderPlacedEventListener orderPlacedEventListener(OrderAnalytics analytics) {
        return new OrderPlacedEventListener(analytics);
    }

    /** Without Spring's transactions there is no commit to wait for: report at once. */
    @Bean
    @ConditionalOnMissingClass(TRANSACTIONS)
    @ConditionalOnBean(OrderAnalytics.class)
    ImmediateListener immediateOrderPlacedEventListener(OrderAnalytics analytics) {
        return new ImmediateListener(analytics);
    }

    /**
     * The client's delivery numbers as meters; Spring Boot's metrics support binds every
     * {@code MeterBinder} bean to the application's registries.
     */
    @Bean
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnBean(name = CLIENT)
    @ConditionalOnMissingBean(OrderAnalyticsMetrics.class)
    public OrderAnalyticsMetrics orderAnalyticsMetrics(@Qualifier(CLIENT) PostHogOrderAnalytics client) {
        return new OrderAnalyticsMetrics(client);
    }

    /** Reports each {@link OrderPlacedEvent} as it is published. */
    static final class ImmediateListener {
        private final OrderAnalytics analytics;

        ImmediateListener(OrderAnalytics analytics) {
            this.analytics = analytics;
        }

        @EventListener
        public void onOrderPlaced(OrderPlacedEvent event) {
            analytics.orderPlaced(event.order(), event.identity());
        }
    }
}
