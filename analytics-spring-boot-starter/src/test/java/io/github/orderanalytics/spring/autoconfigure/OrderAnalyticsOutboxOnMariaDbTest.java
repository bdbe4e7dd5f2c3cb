package io.github.orderanalytics.spring.autoconfigure;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.health.OutboxHealthIndicator;
import io.github.orderanalytics.spring.testing.StarterContexts;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testsupport.Await;
import io.github.orderanalytics.testsupport.MariaDbServer;
import io.github.orderanalytics.testsupport.Skip;
import io.github.orderanalytics.testsupport.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter on a real MariaDB server (Debian's, a private process: {@link MariaDbServer}), where
 * nothing is embedded: it picks the MySQL dialect and DDL by itself, creates the table only when asked,
 * and relays over HTTP to FakePostHog. Skipped, with the reason, on a machine without MariaDB.
 */
class OrderAnalyticsOutboxOnMariaDbTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakePostHog posthog = FakePostHog.start();
    private DataSource dataSource;

    private final ApplicationContextRunner runner = StarterContexts.reportingTo(
                    posthog,
                    OrderAnalyticsHealthAutoConfiguration.class,
                    OrderAnalyticsOutboxAutoConfiguration.class,
                    OrderAnalyticsOutboxHealthAutoConfiguration.class)
            .withPropertyValues(StarterContexts.OUTBOX_RELAYING);

    /** The shared test server's database, without an outbox table. */
    @BeforeEach
    void withoutTable() throws SQLException {
        Optional<MariaDbServer> server = MariaDbServer.shared();
        Skip.unless(server.isPresent(), "MariaDB tests skipped: " + MariaDbServer.NOT_INSTALLED);
        dataSource = new DriverManagerDataSource(server.get().url("mariadb"), "root", "");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS order_analytics_outbox");
        }
    }

    @AfterEach
    void stop() {
        posthog.close();
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("15.00", "EUR")).build();
    }

    @Test
    void initializeSchemaAlwaysCreatesTheMySqlTableAndOnlyCommittedOrdersAreRelayed() {
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("order-analytics.outbox.initialize-schema=always")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(indexes()).contains("order_analytics_outbox_due");
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    assertThat(analytics).isInstanceOf(OutboxOrderAnalytics.class);
                    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

                    tx.executeWithoutResult(status -> {
                        context.publishEvent(new OrderPlacedEvent(order("ord_event"), Identity.customer("c")));
                        analytics.orderPlaced(order("ord_direct"), Identity.customer("c"));
                    });
                    tx.executeWithoutResult(status -> {
                        analytics.orderPlaced(order("ord_rolled_back"), Identity.customer("c"));
                        status.setRollbackOnly();
                    });

                    posthog.awaitEvents(2, WAIT);
                    assertThat(posthog).receivedOnly("ord_event", "ord_direct");
                    assertThat(Await.value(
                                            () -> context.getBean(OutboxHealthIndicator.class)
                                                    .health(),
                                            h -> Long.valueOf(0)
                                                    .equals(h.getDetails().get("pending")),
                                            WAIT,
                                            "nothing pending")
                                    .getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    /** The default, embedded, creates nothing on a server database: the start names the MySQL DDL. */
    @Test
    void byDefaultAServerDatabaseGetsNoTableAndTheStartNamesTheMySqlDdl() {
        runner.withBean(DataSource.class, () -> dataSource)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("table order_analytics_outbox cannot be read")
                        .hasStackTraceContaining("Create it with io/github/orderanalytics/outbox/schema-mysql.sql")
                        .hasStackTraceContaining("order-analytics.outbox.initialize-schema=always (it is embedded)"));
    }

    private List<String> indexes() throws SQLException {
        return Sql.column(
                dataSource,
                "SELECT index_name FROM information_schema.statistics"
                        + " WHERE table_schema = DATABASE() AND table_name = 'order_analytics_outbox'");
    }
}
