package io.github.orderanalytics.spring;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * Auto-configuration of order analytics for Spring Boot: the built-in PostHog client as a bean, closed
 * by the application context (never by a JVM shutdown hook of its own). A user's own
 * {@code OrderAnalytics} bean wins; {@code order-analytics.enabled=false} gives the no-op.
 *
 * <p>The context destroys the client after its lifecycle beans stop, so the web server has finished
 * its requests (and, with graceful shutdown, drained them) before {@code close()} delivers what is
 * left within {@code shutdownTimeout}. What comes with optional libraries sits in configurations of
 * its own, ordered after this one so that they see the client: reporting after commit
 * ({@link OrderAnalyticsTransactionAutoConfiguration}), meters
 * ({@link OrderAnalyticsMetricsAutoConfiguration}) and health
 * ({@link OrderAnalyticsHealthAutoConfiguration}).
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(PostHogOrderAnalytics.class)
@EnableConfigurationProperties(OrderAnalyticsProperties.class)
public class OrderAnalyticsAutoConfiguration {
    /**
     * The bean the starter's transaction-aware {@code OrderAnalytics} delegates to: its PostHog client,
     * or in tests the testkit's recording ({@code @UseRecordingOrderAnalytics} registers it under this
     * name). A user's own {@code OrderAnalytics} bean has another name and is never wrapped.
     */
    public static final String CLIENT = "orderAnalyticsClient";

    static final String TRANSACTIONS = "org.springframework.transaction.support.TransactionSynchronizationManager";

    @Bean(name = CLIENT, destroyMethod = "close")
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnProperty(prefix = "order-analytics", name = "enabled", havingValue = "true", matchIfMissing = true)
    public PostHogOrderAnalytics orderAnalyticsClient(OrderAnalyticsProperties properties) {
        return PostHogOrderAnalytics.create(properties.getPosthog().toConfig(System.getenv()));
    }

    @Bean
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnProperty(prefix = "order-analytics", name = "enabled", havingValue = "false")
    public OrderAnalytics disabledOrderAnalytics() {
        return OrderAnalytics.noop();
    }

    /** Asked for the outbox without its module: fail the start rather than report without it. */
    @Bean
    @ConditionalOnProperty(prefix = "order-analytics.outbox", name = "enabled", havingValue = "true")
    @ConditionalOnMissingClass("io.github.orderanalytics.outbox.OutboxOrderAnalytics")
    Object orderAnalyticsOutboxMissing() {
        throw new IllegalStateException(
                "order-analytics.outbox.enabled=true needs io.github.orderanalytics:analytics-outbox"
                        + " on the class path (version from the BOM)");
    }

    /**
     * Without Spring's transactions there is no commit to wait for: report at once. With them,
     * {@link OrderAnalyticsTransactionAutoConfiguration} listens instead.
     */
    @Bean
    @ConditionalOnMissingClass(TRANSACTIONS)
    @ConditionalOnBean(OrderAnalytics.class)
    ImmediateListener immediateOrderPlacedEventListener(OrderAnalytics analytics) {
        return new ImmediateListener(analytics);
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
