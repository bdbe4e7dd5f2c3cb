package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.PostHogConfigCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
     * The name of the starter's PostHog client bean, for {@code @Qualifier(CLIENT_BEAN)}. The
     * transaction-aware {@code OrderAnalytics} delegates to the bean of this name: the client, or in
     * tests the testkit's recording ({@code @UseRecordingOrderAnalytics} registers it under this
     * name). A user's own {@code OrderAnalytics} bean has another name and is never wrapped.
     */
    public static final String CLIENT_BEAN = "orderAnalyticsClient";

    static final String TRANSACTIONS = "org.springframework.transaction.support.TransactionSynchronizationManager";

    static final String OUTBOX = "io.github.orderanalytics.outbox.OutboxOrderAnalytics";

    @Bean(name = CLIENT_BEAN, destroyMethod = "close")
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnBooleanProperty(name = "order-analytics.enabled", matchIfMissing = true)
    public PostHogOrderAnalytics orderAnalyticsClient(
            OrderAnalyticsProperties properties,
            Environment environment,
            ObjectProvider<PostHogConfigCustomizer> customizers) {
        // The POSTHOG_* fallback through Spring's Environment, not System.getenv(): its system environment is
        // one property source among others, so tests and profiles can set the variables too.
        PostHogConfigBuilder config = properties.getPosthog().toConfigBuilder(environment::getProperty);
        customizers.orderedStream().forEach(customizer -> customizer.customize(config));
        return PostHogOrderAnalytics.create(config.build());
    }

    @Bean
    @ConditionalOnMissingBean(OrderAnalytics.class)
    @ConditionalOnBooleanProperty(name = "order-analytics.enabled", havingValue = false)
    public OrderAnalytics disabledOrderAnalytics() {
        return OrderAnalytics.noop();
    }

    /**
     * Without Spring's transactions there is no commit to wait for: report at once. With them,
     * {@link OrderAnalyticsTransactionAutoConfiguration} listens instead.
     */
    @Bean
    @ConditionalOnMissingClass(TRANSACTIONS)
    @ConditionalOnBean(OrderAnalytics.class)
    OrderEventListener immediateOrderPlacedEventListener(OrderAnalytics analytics) {
        return new OrderEventListener(analytics);
    }

    /** Asked for the outbox without its module: the start fails, and the failure analyzer says what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("order-analytics.outbox.enabled")
    @ConditionalOnMissingClass(OUTBOX)
    static class OutboxModuleMissing {
        OutboxModuleMissing() {
            throw new OutboxModuleMissingException();
        }
    }
}
