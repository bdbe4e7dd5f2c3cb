package io.github.orderanalytics.spring.autoconfigure;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.micrometer.OutboxMetrics;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.spring.health.OutboxHealthIndicator;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The starter with order-analytics.outbox.enabled=true, on H2, relaying over HTTP to FakePostHog. */
class OrderAnalyticsOutboxAutoConfigurationTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OrderAnalyticsAutoConfiguration.class,
                    OrderAnalyticsTransactionAutoConfiguration.class,
                    OrderAnalyticsMetricsAutoConfiguration.class,
                    OrderAnalyticsHealthAutoConfiguration.class,
                    OrderAnalyticsOutboxAutoConfiguration.class,
                    OrderAnalyticsOutboxMetricsAutoConfiguration.class,
                    OrderAnalyticsOutboxHealthAutoConfiguration.class))
            .withPropertyValues(
                    "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                    "order-analytics.posthog.host=" + posthog.host(),
                    "order-analytics.posthog.shutdown-timeout=5s",
                    "order-analytics.outbox.enabled=true",
                    "order-analytics.outbox.poll-interval=20ms");

    @AfterEach
    void stop() {
        posthog.close();
    }

    private static DataSource database(boolean withTable) {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:starter-outbox" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        if (withTable) {
            try {
                OutboxSchema.create(dataSource);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return dataSource;
    }

    private static long rows(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM order_analytics_outbox")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("15.00", "EUR")).build();
    }

    @Test
    void publishedEventsAreWrittenInTheTransactionAndRelayedAfterCommitOnly() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            assertThat(context.getBean(OrderAnalytics.class)).isInstanceOf(OutboxOrderAnalytics.class);
            assertThat(context).hasSingleBean(OutboxRelay.class).hasSingleBean(OutboxMetrics.class);
            assertThat(context).doesNotHaveBean(TransactionAwareOrderAnalytics.class);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            OrderAnalytics analytics = context.getBean(OrderAnalytics.class);

            tx.executeWithoutResult(status -> {
                context.publishEvent(new OrderPlacedEvent(order("ord_event"), Identity.customer("c")));
                analytics.orderPlaced(order("ord_direct"), Identity.customer("c"));
                try {
                    assertThat(rows(dataSource)).as("not visible before commit").isZero();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            tx.executeWithoutResult(status -> {
                context.publishEvent(new OrderPlacedEvent(order("ord_event_rolled_back"), Identity.customer("c")));
                analytics.orderPlaced(order("ord_direct_rolled_back"), Identity.customer("c"));
                status.setRollbackOnly();
            });
            context.publishEvent(new OrderPlacedEvent(order("ord_no_transaction"), Identity.customer("c")));

            posthog.awaitEvents(3, WAIT);
            assertThat(posthog).receivedOnly("ord_event", "ord_direct", "ord_no_transaction");
        });
    }

    @Test
    void healthIsUpWhileNothingWaitsTooLong() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            OutboxHealthIndicator health = context.getBean(OutboxHealthIndicator.class);

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails())
                    .containsEntry("pending", 0L)
                    .containsEntry("dead", 0L);
        });
    }

    @Test
    void healthIsDownWhenTheOldestRowWaitsLongerThanMaxPendingAge() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.relay-enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OutboxRelay.class);
                    context.getBean(OrderAnalytics.class).orderPlaced(order("ord_1"), Identity.customer("c"));
                    OutboxRelay reader = OutboxRelay.builder(
                                    dataSource,
                                    context.getBean(io.github.orderanalytics.posthog.PostHogOrderAnalytics.class))
                            .build();

                    OutboxHealthIndicator stuck = new OutboxHealthIndicator(reader, Duration.ofNanos(1));

                    assertThat(stuck.health().getStatus()).isEqualTo(Status.DOWN);
                    assertThat(stuck.health().getDetails())
                            .containsEntry("pending", 1L)
                            .containsKey("oldestPendingAge");
                });
    }

    @Test
    void aMissingTableFailsTheStartNamingTheDdl() {
        DataSource dataSource = database(false);
        runner.withBean(DataSource.class, () -> dataSource)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("order_analytics_outbox")
                        .hasMessageContaining("schema-h2.sql"));
    }

    @Test
    void enabledWithoutTheOutboxModuleFailsTheStart() {
        runner.withClassLoader(new FilteredClassLoader("io.github.orderanalytics.outbox"))
                .withBean(DataSource.class, () -> database(true))
                .run(context -> {
                    assertThat(context)
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .isInstanceOf(OutboxModuleMissingException.class)
                            .hasMessageContaining("needs io.github.orderanalytics:analytics-outbox");
                    FailureAnalysis analysis =
                            new OutboxModuleMissingFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo(
                                    "order-analytics.outbox.enabled is true, but io.github.orderanalytics:analytics-outbox"
                                            + " is not on the class path, so order events cannot be written to the outbox table.");
                    assertThat(analysis.getAction())
                            .startsWith("Add the dependency io.github.orderanalytics:analytics-outbox")
                            .contains("order-analytics.outbox.enabled=false");
                });
    }

    @Test
    void theTestkitsRecordingStandsInForTheOutboxAndReportsAfterCommit() {
        DataSource dataSource = database(true);
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        runner.withBean(DataSource.class, () -> dataSource)
                .withBean(OrderAnalyticsAutoConfiguration.CLIENT_BEAN, RecordingOrderAnalytics.class, () -> recording)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OutboxOrderAnalytics.class);
                    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

                    tx.executeWithoutResult(status ->
                            context.publishEvent(new OrderPlacedEvent(order("ord_committed"), Identity.customer("c"))));
                    tx.executeWithoutResult(status -> {
                        context.getBean(OrderAnalytics.class)
                                .orderPlaced(order("ord_rolled_back"), Identity.customer("c"));
                        status.setRollbackOnly();
                    });

                    assertThat(recording).hasPlacedOnly("ord_committed");
                });
    }

    @Test
    void notEnabledMeansNoOutbox() {
        runner.withPropertyValues("order-analytics.outbox.enabled=false")
                .withBean(DataSource.class, () -> database(true))
                .run(context -> {
                    assertThat(context)
                            .doesNotHaveBean(OutboxOrderAnalytics.class)
                            .doesNotHaveBean(OutboxRelay.class);
                    assertThat(context.getBean(OrderAnalytics.class))
                            .isInstanceOf(TransactionAwareOrderAnalytics.class);
                });
    }
}
