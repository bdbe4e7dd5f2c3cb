package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.outbox.OutboxAdmin;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.OutboxProperties;
import io.github.orderanalytics.spring.browser.RequestBrowserContext;
import io.github.orderanalytics.spring.internal.DurationText;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * With {@code order-analytics.outbox.enabled=true}, analytics-outbox on the class path and a
 * {@code DataSource}: the {@code OrderAnalytics} bean is the outbox, writing on the connection of
 * Spring's current transaction, a published {@link OrderPlacedEvent} (or {@code OrderRefundedEvent},
 * {@code OrderCancelledEvent}) is written inside the publishing transaction, and a relay runs with the application, sending through the starter's client.
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
            "org.springframework.jdbc.datasource.DataSourceUtils",
            "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer"
        })
@ConditionalOnBooleanProperty("order-analytics.outbox.enabled")
public class OrderAnalyticsOutboxAutoConfiguration {
    private static final Duration MONITOR_REFRESH = Duration.ofSeconds(5);

    /** The DataSource of the outbox table: {@code order-analytics.outbox.data-source}, the only one, or the primary. */
    @Bean
    OutboxDataSource orderAnalyticsOutboxDataSource(
            ConfigurableListableBeanFactory beans, OrderAnalyticsProperties properties) {
        return OutboxDataSource.resolve(beans, properties.getOutbox().getDataSource());
    }

    /** {@code order-analytics.outbox.initialize-schema}: the table created at start, where that is asked for. */
    @Bean
    OutboxSchemaInitializer orderAnalyticsOutboxSchemaInitializer(
            OutboxDataSource outboxDataSource, OrderAnalyticsProperties properties) {
        OutboxProperties outbox = properties.getOutbox();
        return new OutboxSchemaInitializer(
                outboxDataSource.dataSource(), outbox.getInitializeSchema(), outbox.getTable());
    }

    /** Dead rows listed, resubmitted and purged without SQL; also behind the {@code orderanalyticsoutbox} endpoint. */
    @Bean
    @ConditionalOnMissingBean
    public OutboxAdmin orderAnalyticsOutboxAdmin(
            OutboxDataSource outboxDataSource, OutboxSchemaInitializer schema, OrderAnalyticsProperties properties) {
        return OutboxAdmin.create(
                outboxDataSource.dataSource(), properties.getOutbox().getTable());
    }

    /** The table's backlog for health and meters, read at most every 5 s off the caller's thread. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public OutboxMonitor orderAnalyticsOutboxMonitor(OutboxAdmin admin) {
        return OutboxMonitor.create(admin, MONITOR_REFRESH);
    }

    @Bean
    @ConditionalOnProperty(name = "order-analytics.outbox.dead-retention")
    OutboxDeadRetention orderAnalyticsOutboxDeadRetention(OutboxAdmin admin, Environment environment) {
        // Read as typed, not as bound: the binder takes "30" for 30 ms, which would purge every dead row
        String name = "order-analytics.outbox.dead-retention";
        return new OutboxDeadRetention(
                admin,
                DurationText.positive(
                        name, Binder.get(environment).bind(name, String.class).get()));
    }

    /**
     * The bean to inject: writes the order's event as a row of its transaction. Only over the
     * starter's own client: with the testkit's recording in its place, the recording reports after
     * commit, as the outbox's rows would be delivered.
     */
    @Bean
    @Primary
    @ConditionalOnBean(value = PostHogOrderAnalytics.class, name = OrderAnalyticsAutoConfiguration.CLIENT_BEAN)
    public OutboxOrderAnalytics orderAnalyticsOutbox(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT_BEAN) PostHogOrderAnalytics client,
            OutboxDataSource outboxDataSource,
            OutboxSchemaInitializer schema,
            OrderAnalyticsProperties properties) {
        return OutboxOrderAnalytics.create(
                        client.config(),
                        new SpringTransactionConnection(outboxDataSource.dataSource(), outboxDataSource.name()),
                        properties.getOutbox().getTable())
                .withIdentities(RequestBrowserContext::attachTo);
    }

    /**
     * Writes each published {@link OrderPlacedEvent}, {@code OrderRefundedEvent} and
     * {@code OrderCancelledEvent} at once, in the publishing transaction, so its row
     * commits or rolls back with the order (and a failed write fails it).
     */
    @Bean
    @ConditionalOnBean(OutboxOrderAnalytics.class)
    OrderEventListener outboxOrderPlacedEventListener(OutboxOrderAnalytics outbox) {
        return new OrderEventListener(outbox);
    }

    @Bean
    @ConditionalOnBean(OutboxOrderAnalytics.class)
    @ConditionalOnBooleanProperty(name = "order-analytics.outbox.relay-enabled", matchIfMissing = true)
    public OutboxRelay orderAnalyticsOutboxRelay(
            @Qualifier(OrderAnalyticsAutoConfiguration.CLIENT_BEAN) PostHogOrderAnalytics client,
            OutboxDataSource outboxDataSource,
            OutboxSchemaInitializer schema,
            OrderAnalyticsProperties properties) {
        OutboxProperties outbox = properties.getOutbox();
        return OutboxRelay.builder(outboxDataSource.dataSource(), client)
                .table(outbox.getTable())
                .batchSize(outbox.getBatchSize())
                .maxBatchBytes(outbox.getMaxBatchBytes().toBytes())
                .pollInterval(outbox.getPollInterval())
                .lease(outbox.getLease())
                .initialBackoff(outbox.getInitialBackoff())
                .maxBackoff(outbox.getMaxBackoff())
                .shutdownTimeout(client.config().shutdownTimeout())
                .build();
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxRelayLifecycle orderAnalyticsOutboxRelayLifecycle(OutboxRelay relay, OrderAnalyticsProperties properties) {
        return new OutboxRelayLifecycle(relay, properties.getOutbox().getInitializeSchema());
    }
}
