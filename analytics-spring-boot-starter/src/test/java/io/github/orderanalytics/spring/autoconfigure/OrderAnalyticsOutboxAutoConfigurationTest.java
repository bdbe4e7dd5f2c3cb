package io.github.orderanalytics.spring.autoconfigure;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.micrometer.OutboxMetrics;
import io.github.orderanalytics.outbox.OutboxAdmin;
import io.github.orderanalytics.outbox.OutboxMonitor;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.spring.OrderCancelledEvent;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.OrderRefundedEvent;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.spring.health.OutboxHealthIndicator;
import io.github.orderanalytics.spring.testing.H2Databases;
import io.github.orderanalytics.spring.testing.StarterContexts;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testsupport.Await;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The starter with order-analytics.outbox.enabled=true, on H2, relaying over HTTP to FakePostHog. */
class OrderAnalyticsOutboxAutoConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = StarterContexts.reportingTo(
                    posthog,
                    OrderAnalyticsMetricsAutoConfiguration.class,
                    OrderAnalyticsHealthAutoConfiguration.class,
                    OrderAnalyticsOutboxAutoConfiguration.class,
                    OrderAnalyticsOutboxMetricsAutoConfiguration.class,
                    OrderAnalyticsOutboxHealthAutoConfiguration.class)
            .withPropertyValues(StarterContexts.OUTBOX_RELAYING);

    @AfterEach
    void stop() {
        posthog.close();
    }

    private static DataSource database(boolean withTable) {
        return H2Databases.create(withTable);
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
    void publishedRefundsAndCancellationsAreRowsOfThePublishingTransaction() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            Refund refund =
                    Refund.builder("ord_1", "re_1", Money.of("5.00", "EUR")).build();

            tx.executeWithoutResult(status -> {
                context.publishEvent(new OrderRefundedEvent(refund, Identity.customer("c")));
                context.publishEvent(
                        new OrderCancelledEvent(Cancellation.builder("ord_1").build(), Identity.customer("c")));
            });
            tx.executeWithoutResult(status -> {
                context.publishEvent(new OrderRefundedEvent(
                        refund.toBuilder().build(), Identity.customer("c"))); // the same refund, rolled back
                context.publishEvent(
                        new OrderCancelledEvent(Cancellation.builder("ord_2").build(), Identity.customer("c")));
                status.setRollbackOnly();
            });

            posthog.awaitEvents(2, WAIT);
            assertThat(posthog).receivedEventCount(2);
            assertThat(posthog).receivedRefund("ord_1", "re_1");
            assertThat(posthog).receivedCancellation("ord_1");
        });
    }

    @Test
    void healthIsUpWhileNothingWaitsTooLong() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            OutboxHealthIndicator health = context.getBean(OutboxHealthIndicator.class);

            Health up = Await.value(health::health, h -> h.getStatus().equals(Status.UP), WAIT, "UP");
            assertThat(up.getDetails())
                    .containsEntry("pending", 0L)
                    .containsEntry("dead", 0L)
                    .containsEntry("relay", "running");
        });
    }

    /** An instance that writes but does not relay still has the outbox's health and meters. */
    @Test
    void healthIsDownWhenTheOldestRowWaitsLongerThanMaxPendingAgeAlsoWithoutARelay() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource)
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "order-analytics.outbox.relay-enabled=false", "order-analytics.outbox.max-pending-age=1ms")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OutboxRelay.class).hasSingleBean(OutboxMetrics.class);
                    context.getBean(OrderAnalytics.class).orderPlaced(order("ord_1"), Identity.customer("c"));
                    OutboxHealthIndicator health = context.getBean(OutboxHealthIndicator.class);

                    Health stuck = Await.value(
                            health::health,
                            h -> Long.valueOf(1).equals(h.getDetails().get("pending")),
                            WAIT,
                            "1 pending");

                    assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(stuck.getDetails())
                            .containsKey("oldestPendingAge")
                            .doesNotContainKey("relay");
                    SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
                    context.getBean(OutboxMetrics.class).bindTo(registry);
                    assertThat(registry.get("order.analytics.outbox.pending")
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                    assertThat(registry.find("order.analytics.outbox.relayed").meters())
                            .as("nothing relays here")
                            .isEmpty();
                });
    }

    @Test
    void aMissingTableFailsTheStartNamingTheDdlAndTheProperty() {
        DataSource dataSource = database(false);
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.initialize-schema=never")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("table order_analytics_outbox cannot be read")
                        .hasStackTraceContaining("Create it with io/github/orderanalytics/outbox/schema-h2.sql")
                        .hasStackTraceContaining("order-analytics.outbox.initialize-schema=always (it is never)"));
    }

    @Test
    void anEmbeddedDatabaseGetsItsTableByDefault() {
        DataSource dataSource = database(false);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_created"), Identity.customer("c"));

            posthog.awaitEvents(1, WAIT);
            assertThat(posthog).receivedOnly("ord_created");
        });
    }

    /** Boot's script initializer runs the shipped script, with a configured table's name in it. */
    @Test
    void aConfiguredTableIsCreatedUnderItsOwnName() {
        DataSource dataSource = database(false);
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.table=shop_outbox")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(OrderAnalytics.class).orderPlaced(order("ord_named"), Identity.customer("c"));

                    posthog.awaitEvents(1, WAIT);
                    assertThat(posthog).receivedOnly("ord_named");
                    try (Connection c = dataSource.getConnection();
                            ResultSet r = c.getMetaData().getTables(null, null, "SHOP_OUTBOX", null)) {
                        assertThat(r.next()).as("table shop_outbox").isTrue();
                    }
                });
    }

    /** "embedded" is Boot's word: an in-memory database. An H2 file is a database someone keeps. */
    @Test
    void anH2FileIsNotEmbeddedAsBootSeesIt() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("outbox-h2-file");
        org.h2.jdbcx.JdbcDataSource file = new org.h2.jdbcx.JdbcDataSource();
        file.setURL("jdbc:h2:file:" + dir.resolve("shop"));
        runner.withBean(DataSource.class, () -> file)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("table order_analytics_outbox cannot be read")
                        .hasStackTraceContaining("order-analytics.outbox.initialize-schema=always (it is embedded)"));
    }

    @Test
    void initializeSchemaAlwaysCreatesOnlyWhatIsMissing() throws SQLException {
        DataSource dataSource = database(true);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX order_analytics_outbox_dead");
        }
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.initialize-schema=always")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    try (Connection c = dataSource.getConnection();
                            ResultSet r =
                                    c.getMetaData().getIndexInfo(null, null, "ORDER_ANALYTICS_OUTBOX", false, false)) {
                        List<String> indexes = new ArrayList<>();
                        while (r.next()) {
                            indexes.add(r.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                        }
                        assertThat(indexes).contains("order_analytics_outbox_due", "order_analytics_outbox_dead");
                    }
                });
    }

    @Test
    void deadRetentionPurgesOldDeadRowsOnlyAndOnlyWhenSet() throws SQLException {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.relay-enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OutboxDeadRetention.class));
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues(
                        "order-analytics.outbox.relay-enabled=false", "order-analytics.outbox.dead-retention=1d")
                .run(context -> {
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    for (String id : new String[] {"ord_dead_long_ago", "ord_dead_today", "ord_waiting"}) {
                        analytics.orderPlaced(order(id), Identity.customer("c"));
                    }
                    try (Connection c = dataSource.getConnection();
                            Statement s = c.createStatement()) {
                        s.execute("UPDATE order_analytics_outbox SET dead_at = DATEADD('DAY', -2, CURRENT_TIMESTAMP),"
                                + " dead_reason = 'test' WHERE payload LIKE '%ord_dead_long_ago%'");
                        s.execute("UPDATE order_analytics_outbox SET dead_at = CURRENT_TIMESTAMP, dead_reason = 'test'"
                                + " WHERE payload LIKE '%ord_dead_today%'");
                    }

                    context.getBean(OutboxDeadRetention.class).purge();

                    assertThat(rows(dataSource))
                            .as("the old dead row went, the others stay")
                            .isEqualTo(2);
                    OutboxAdmin admin = context.getBean(OutboxAdmin.class);
                    assertThat(admin.deadRows(0, 10))
                            .singleElement()
                            .satisfies(row -> assertThat(admin.deadRowPayload(row.id()))
                                    .hasValueSatisfying(p -> assertThat(p).contains("ord_dead_today")));
                });
    }

    /** "30" would bind as 30 ms and purge every dead row at start. */
    @Test
    void deadRetentionWithoutAUnitOrNotAboveZeroStopsTheApplicationNamingTheProperty() {
        DataSource dataSource = database(true);
        for (String retention : new String[] {"30", "0s", "-1d", "P0D"}) {
            runner.withBean(DataSource.class, () -> dataSource)
                    .withPropertyValues(
                            "order-analytics.outbox.relay-enabled=false",
                            "order-analytics.outbox.dead-retention=" + retention)
                    .run(context -> assertThat(context)
                            .as(retention)
                            .hasFailed()
                            .getFailure()
                            .rootCause()
                            .hasMessageContaining("order-analytics.outbox.dead-retention")
                            .hasMessageContaining(retention));
        }
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues(
                        "order-analytics.outbox.relay-enabled=false", "order-analytics.outbox.dead-retention=P30D")
                .run(context -> assertThat(context).hasSingleBean(OutboxDeadRetention.class));
    }

    /** A scrape or a health check with the database gone answers at once, from the last reading. */
    @Test
    void healthAndMetersAnswerAtOnceWhenTheDatabaseIsDown() {
        DataSource dataSource = database(true);
        AtomicBoolean down = new AtomicBoolean();
        DataSource flaky = new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // a pool waiting for a connection
                    throw new SQLException("connection refused (the test's database is down)");
                }
                return super.getConnection();
            }
        };
        runner.withBean(DataSource.class, () -> flaky)
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("order-analytics.outbox.relay-enabled=false")
                .run(context -> {
                    // Refreshing on every call, so each health check and scrape below asks for a read.
                    OutboxMonitor eager = OutboxMonitor.create(context.getBean(OutboxAdmin.class), Duration.ZERO);
                    OutboxHealthIndicator health =
                            new OutboxHealthIndicator(eager, Optional.empty(), Duration.ofMinutes(10));
                    Await.value(health::health, h -> h.getStatus().equals(Status.UP), WAIT, "UP");
                    SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
                    new OutboxMetrics(eager, Optional.empty(), Tags.empty()).bindTo(registry);
                    down.set(true);

                    long start = System.nanoTime();
                    for (int i = 0; i < 100; i++) {
                        health.health();
                        registry.get("order.analytics.outbox.pending").gauge().value();
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    assertThat(took).as("100 health checks and scrapes").isLessThan(Duration.ofMillis(100));
                    Health failed =
                            Await.value(health::health, h -> h.getStatus().equals(Status.DOWN), WAIT, "DOWN");
                    assertThat(failed.getDetails().get("error"))
                            .asString()
                            .contains("the outbox table cannot be read: connection refused");
                    assertThat(registry.get("order.analytics.outbox.pending")
                                    .gauge()
                                    .value())
                            .isNaN();
                    eager.close();
                });
    }

    /** Spring's stop() then start() used to fail: "this relay was started already". */
    @Test
    void theRelayStopsAndStartsWithTheContext() {
        DataSource dataSource = database(true);
        runner.withBean(DataSource.class, () -> dataSource).run(context -> {
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            assertThat(relay.isRunning()).isTrue();

            context.stop();
            assertThat(relay.isRunning()).isFalse();
            context.start();

            assertThat(relay.isRunning()).isTrue();
            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_after_restart"), Identity.customer("c"));
            posthog.awaitEvents(1, WAIT);
            assertThat(posthog).receivedOnly("ord_after_restart");
        });
    }

    @Test
    void maxBatchBytesReachesTheRelay() {
        runner.withBean(DataSource.class, () -> database(true))
                .withPropertyValues("order-analytics.outbox.max-batch-bytes=512KB")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("maxBatchBytes must be between 1 MiB and 1 GiB, was 524288 bytes"));
        runner.withBean(DataSource.class, () -> database(true))
                .withPropertyValues("order-analytics.outbox.max-batch-bytes=2MB")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OutboxRelay.class));
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
