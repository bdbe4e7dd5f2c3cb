package io.github.orderanalytics.spring.autoconfigure;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import io.github.orderanalytics.posthog.reconcile.PostHogReconciler;
import io.github.orderanalytics.spring.OrderAnalyticsProperties;
import io.github.orderanalytics.spring.ReconcileProperties;
import io.github.orderanalytics.spring.reconcile.JdbcReconcileLease;
import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import io.github.orderanalytics.spring.reconcile.ReconcileLease;
import java.sql.SQLException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * With {@code order-analytics.reconcile.enabled=true}: checks on a schedule that PostHog stored every
 * order event of the last {@code lookback}, against the application's {@link ExpectedOrderEvents} bean,
 * and repairs what it lost. With the outbox's DataSource, scheduled runs take a lease row there, so it
 * may be enabled on every instance; without one, enable it on one instance: several would each send the
 * same missing events again (harmless, as PostHog collapses equal uuids, but wasteful).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {OrderAnalyticsAutoConfiguration.class, OrderAnalyticsOutboxAutoConfiguration.class})
@ConditionalOnClass(PostHogReconciler.class)
@ConditionalOnBooleanProperty("order-analytics.reconcile.enabled")
public class OrderAnalyticsReconcileAutoConfiguration {

    /**
     * @throws IllegalStateException saying what to provide, without an {@code ExpectedOrderEvents} bean or
     *     without the client's personal-api-key and project-id
     */
    @Bean
    @ConditionalOnSingleCandidate(PostHogOrderAnalytics.class)
    @ConditionalOnMissingBean
    public ReconcileJob orderAnalyticsReconcileJob(
            PostHogOrderAnalytics client,
            ObjectProvider<ExpectedOrderEvents> expected,
            ObjectProvider<ReconcileLease> lease,
            OrderAnalyticsProperties properties) {
        ExpectedOrderEvents shop = expected.getIfUnique();
        if (shop == null) {
            throw new IllegalStateException("order-analytics.reconcile.enabled=true needs one bean of"
                    + " io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents: the order events your own"
                    + " orders, refunds and cancellations tables say were reported, between two times");
        }
        ReconcileProperties p = properties.getReconcile();
        PostHogReconciler reconciler =
                PostHogReconciler.builder(client).settle(p.getSettle()).build();
        return new ReconcileJob(
                reconciler,
                shop,
                p.getLookback(),
                p.isRepair(),
                Clock.systemUTC(),
                lease.getIfAvailable(ReconcileLease::always));
    }

    /**
     * With the outbox's DataSource: scheduled runs take a lease row there, so that of several instances
     * with the reconciliation enabled one runs each. The table is created as the outbox's is ({@code
     * order-analytics.outbox.initialize-schema}); without it, each instance runs, and says so once.
     */
    @Bean
    @ConditionalOnBean({OutboxDataSource.class, OutboxSchemaInitializer.class})
    @ConditionalOnMissingBean(ReconcileLease.class)
    JdbcReconcileLease orderAnalyticsReconcileLease(OutboxDataSource outbox, OutboxSchemaInitializer schema)
            throws SQLException {
        JdbcReconcileLease lease = new JdbcReconcileLease(outbox.dataSource());
        if (schema.createsTables()) {
            lease.createTable();
        }
        return lease;
    }

    @Bean
    @ConditionalOnBean(ReconcileJob.class)
    @ConditionalOnMissingBean
    ReconcileSchedule orderAnalyticsReconcileSchedule(ReconcileJob job, OrderAnalyticsProperties properties) {
        return new ReconcileSchedule(job, properties.getReconcile().getSchedule());
    }
}
