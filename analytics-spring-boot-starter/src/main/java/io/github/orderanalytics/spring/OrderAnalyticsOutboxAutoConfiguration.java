package io.github.orderanalytics.spring;

import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * With {@code order-analytics.outbox.enabled=true}, analytics-outbox on the class path and a
 * {@code DataSource}: the {@code OrderAnalytics} bean is the outbox, writing on the connection of
 * Spring's current transaction, a published {@link OrderPlacedEvent} is written inside the publishing
 * transaction, and a relay runs with the application, sending through the starter's client.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
        after = OrderAnalyticsAutoConfiguration.class,
        before = OrderAnalyticsTransactionAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Boot 4
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" // Boot 3
        })
@ConditionalOnClass(
        name = {
            "io.github.orderanalytics.outbox.OutboxOrderAnalytics",
            "org.springframework.jdbc.datasource.DataSourceUtils"
        })
@ConditionalOnProperty(prefix = "order-analytics.outbox", name = "enabled", havingValue = "true")
public class OrderAnalyticsOutboxAutoConfiguration {

    /**
     * The bean to inject: writes the order's event as a row of its transaction. Only over the
     * starter's own client: with the testkit's recording in its place, the recording reports after
     * commit, as the outbox's rows would be delivered.
     */
    @Bean
    @Primary
    @ConditionalOnBean(value = PostHogOrderAnalytics.class, name = OrderAnalyticsAutoConfiguration.CLIENT)
    public OutboxOrderAnalytics orderAnalyticsOutbox(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT) PostHogOrderAnalytics client,
            DataSource dataSource,
            OrderAnalyticsProperties properties) {
        return OutboxOrderAnalytics.create(
                client.config(),
                new SpringTransactionConnection(dataSource),
                properties.getOutbox().getTable());
    }

    @Bean
    @ConditionalOnBean(OutboxOrderAnalytics.class)
    OutboxOrderPlacedEventListener outboxOrderPlacedEventListener(OutboxOrderAnalytics outbox) {
        return new OutboxOrderPlacedEventListener(outbox);
    }

    @Bean
    @ConditionalOnBean(OutboxOrderAnalytics.class)
    @ConditionalOnProperty(prefix = "order-analytics.outbox", name = "relay-enabled", matchIfMissing = true)
    public OutboxRelay orderAnalyticsOutboxRelay(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT) PostHogOrderAnalytics client,
            DataSource dataSource,
            OrderAnalyticsProperties properties) {
        OutboxProperties outbox = properties.getOutbox();
        return OutboxRelay.builder(dataSource, client)
                .table(outbox.getTable())
                .batchSize(outbox.getBatchSize())
                .pollInterval(outbox.getPollInterval())
                .lease(outbox.getLease())
                .initialBackoff(outbox.getInitialBackoff())
                .maxBackoff(outbox.getMaxBackoff())
                .shutdownTimeout(client.config().shutdownTimeout())
                .build();
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxRelayLifecycle orderAnalyticsOutboxRelayLifecycle(OutboxRelay relay) {
        return new OutboxRelayLifecycle(relay);
    }
}
