package io.github.orderanalytics.spring.autoconfigure;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.outbox.OutboxWriteException;
import io.github.orderanalytics.spring.testing.H2Databases;
import io.github.orderanalytics.spring.testing.StarterContexts;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.github.orderanalytics.testsupport.Sql;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's promise in the Spring setups services have: an order's event exists exactly when the
 * order's transaction committed. Each test here failed before the outbox checked which DataSource
 * the transaction holds, committed its own connections and let savepoints take their orders.
 */
class OutboxTransactionRulesTest {

    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = StarterContexts.reportingTo(
                    posthog, OrderAnalyticsOutboxAutoConfiguration.class)
            .withPropertyValues(StarterContexts.OUTBOX_WITHOUT_RELAY);

    @AfterEach
    void stop() {
        posthog.close();
    }

    /** Finding 1: the order on a second DataSource, rolled back; its event used to commit on its own. */
    @Test
    void aTransactionOnAnotherDataSourceCannotWriteTheEvent() {
        DataSource outbox = database(true);
        DataSource orders = database(false);
        runner.withBean("outboxDataSource", DataSource.class, () -> outbox, d -> d.setPrimary(true))
                .withBean("ordersDataSource", DataSource.class, () -> orders)
                .run(context -> {
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    TransactionTemplate onOrders = new TransactionTemplate(new DataSourceTransactionManager(orders));

                    assertThatThrownBy(() -> onOrders.executeWithoutResult(
                                    status -> analytics.orderPlaced(order("ord_elsewhere"), Identity.customer("c"))))
                            .isInstanceOf(OutboxWriteException.class)
                            .hasMessageContaining("DataSource 'outboxDataSource'")
                            .hasMessageContaining("order-analytics.outbox.data-source");
                    assertThat(rows(outbox)).as("no stray row").isEmpty();
                });
    }

    @Test
    void theDataSourcePropertyChoosesWhichOneHoldsTheTable() {
        DataSource outbox = database(true);
        DataSource orders = database(false);
        runner.withBean("ordersDataSource", DataSource.class, () -> orders, d -> d.setPrimary(true))
                .withBean("analyticsDataSource", DataSource.class, () -> outbox)
                .withPropertyValues("order-analytics.outbox.data-source=analyticsDataSource")
                .run(context -> {
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    new TransactionTemplate(new DataSourceTransactionManager(outbox))
                            .executeWithoutResult(
                                    status -> analytics.orderPlaced(order("ord_chosen"), Identity.customer("c")));

                    assertThat(rows(outbox)).containsExactly("ord_chosen");
                });
    }

    @Test
    void severalDataSourcesWithoutAChoiceFailTheStartNamingThem() {
        runner.withBean("one", DataSource.class, () -> database(true))
                .withBean("two", DataSource.class, () -> database(true))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("several DataSources [one, two]")
                        .hasMessageContaining("order-analytics.outbox.data-source"));
        runner.withBean("one", DataSource.class, () -> database(true))
                .withPropertyValues("order-analytics.outbox.data-source=three")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage(
                                "order-analytics.outbox.data-source is 'three', but the DataSource beans are [one]"));
    }

    /** Finding 2: no transaction, a pool that hands out connections in manual commit; the row was lost. */
    @Test
    void withoutATransactionTheRowCommitsWhateverThePoolsAutoCommit() {
        DataSource database = database(true);
        DataSource manualCommitPool = manualCommit(database);
        runner.withBean(DataSource.class, () -> manualCommitPool).run(context -> {
            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_no_tx"), Identity.customer("c"));

            assertThat(rows(database)).containsExactly("ord_no_tx");
        });
    }

    /**
     * Audit finding 5: SUPPORTS without a transaction, and NOT_SUPPORTED inside one, are scopes with
     * synchronization but no transaction. On a manual-commit pool the row was written on a connection
     * bound to that scope, which ends without a commit: the row was lost.
     */
    @Test
    void inAnEmptyTransactionScopeTheRowCommitsWhateverThePoolsAutoCommit() {
        DataSource database = database(true);
        DataSource manualCommitPool = manualCommit(database);
        runner.withBean(DataSource.class, () -> manualCommitPool).run(context -> {
            OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
            DataSourceTransactionManager manager = new DataSourceTransactionManager(manualCommitPool);

            emptyScope(manager, TransactionDefinition.PROPAGATION_SUPPORTS, false)
                    .executeWithoutResult(
                            status -> analytics.orderPlaced(order("ord_supports"), Identity.customer("c")));
            new TransactionTemplate(manager)
                    .executeWithoutResult(
                            outer -> emptyScope(manager, TransactionDefinition.PROPAGATION_NOT_SUPPORTED, false)
                                    .executeWithoutResult(status ->
                                            analytics.orderPlaced(order("ord_not_supported"), Identity.customer("c"))));

            assertThat(rows(database)).containsExactly("ord_supports", "ord_not_supported");
        });
    }

    /**
     * Audit finding 5, the after-commit bean: an empty scope that ends in "rollback" rolled nothing back
     * (there was no transaction; each statement stood alone), yet the bean dropped its orders.
     */
    @Test
    void inAnEmptyTransactionScopeTheAfterCommitBeanReportsAtOnce() {
        withTheAfterCommitBean((analytics, recording, database) -> {
            DataSourceTransactionManager manager = new DataSourceTransactionManager(database);

            emptyScope(manager, TransactionDefinition.PROPAGATION_SUPPORTS, true)
                    .executeWithoutResult(status -> {
                        analytics.orderPlaced(order("ord_supports"), Identity.customer("c"));
                        assertThat(recording).as("reported at once").hasPlacedOnly("ord_supports");
                        status.setRollbackOnly();
                    });
            new TransactionTemplate(manager).executeWithoutResult(outer -> {
                emptyScope(manager, TransactionDefinition.PROPAGATION_NOT_SUPPORTED, true)
                        .executeWithoutResult(status -> {
                            analytics.orderPlaced(order("ord_not_supported"), Identity.customer("c"));
                            status.setRollbackOnly();
                        });
                analytics.orderPlaced(order("ord_outer_rolled_back"), Identity.customer("c"));
                outer.setRollbackOnly();
            });

            assertThat(recording).hasPlacedOnly("ord_supports", "ord_not_supported");
        });
    }

    /** A template of {@code propagation} with synchronization always on, Spring's default. */
    private static TransactionTemplate emptyScope(
            DataSourceTransactionManager manager, int propagation, boolean synchronizationCheck) {
        TransactionTemplate template = new TransactionTemplate(manager);
        template.setPropagationBehavior(propagation);
        if (synchronizationCheck) {
            assertThat(manager.getTransactionSynchronization())
                    .isEqualTo(DataSourceTransactionManager.SYNCHRONIZATION_ALWAYS);
        }
        return template;
    }

    /** Finding 3, with the outbox: a rolled-back savepoint takes its row, the outer order stays. */
    @Test
    void aRolledBackNestedTransactionTakesItsOrderFromTheOutbox() {
        DataSource database = database(true);
        runner.withBean(DataSource.class, () -> database).run(context -> {
            placeWithANestedRollback(context.getBean(OrderAnalytics.class), database);

            assertThat(rows(database)).containsExactly("ord_outer", "ord_after");
        });
    }

    /** Finding 3, without the outbox: the after-commit bean used to report the savepoint's order too. */
    @Test
    void aRolledBackNestedTransactionTakesItsOrderFromTheAfterCommitBean() {
        withTheAfterCommitBean((analytics, recording, database) -> {
            placeWithANestedRollback(analytics, database);

            assertThat(recording).hasPlacedOnly("ord_outer", "ord_after");
        });
    }

    /** A savepoint set before the transaction's first order takes every order reported after it. */
    @Test
    void aNestedRollbackBeforeAnyOtherOrderLeavesNothingBehind() {
        withTheAfterCommitBean((analytics, recording, database) -> {
            DataSourceTransactionManager manager = new DataSourceTransactionManager(database);
            TransactionTemplate nested = new TransactionTemplate(manager);
            nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            new TransactionTemplate(manager).executeWithoutResult(outer -> {
                nested.executeWithoutResult(inner -> {
                    analytics.orderPlaced(order("ord_nested"), Identity.customer("c"));
                    inner.setRollbackOnly();
                });
                analytics.orderPlaced(order("ord_kept"), Identity.customer("c"));
            });

            assertThat(recording).hasPlacedOnly("ord_kept");
        });
    }

    /** REQUIRES_NEW: the inner transaction's order is its own, reported when it commits. */
    @Test
    void anInnerRequiresNewTransactionReportsOnItsOwnCommit() {
        withTheAfterCommitBean((analytics, recording, database) -> {
            DataSourceTransactionManager manager = new DataSourceTransactionManager(database);
            TransactionTemplate requiresNew = new TransactionTemplate(manager);
            requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            new TransactionTemplate(manager).executeWithoutResult(outer -> {
                analytics.orderPlaced(order("ord_outer_rolled_back"), Identity.customer("c"));
                requiresNew.executeWithoutResult(
                        inner -> analytics.orderPlaced(order("ord_inner"), Identity.customer("c")));
                assertThat(recording).hasPlacedOnly("ord_inner");
                outer.setRollbackOnly();
            });

            assertThat(recording).hasPlacedOnly("ord_inner");
        });
    }

    /** What a test does with the starter's after-commit bean (no outbox) over a recording. */
    @FunctionalInterface
    private interface AfterCommitBeanTest {
        void run(OrderAnalytics analytics, RecordingOrderAnalytics recording, DataSource database) throws Exception;
    }

    private void withTheAfterCommitBean(AfterCommitBeanTest test) {
        DataSource database = database(true);
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        runner.withPropertyValues("order-analytics.outbox.enabled=false")
                .withBean(DataSource.class, () -> database)
                .withBean(OrderAnalyticsAutoConfiguration.CLIENT_BEAN, RecordingOrderAnalytics.class, () -> recording)
                .run(context -> test.run(context.getBean(OrderAnalytics.class), recording, database));
    }

    /** Outer order, a NESTED transaction whose order rolls back with its savepoint, then another order. */
    private static void placeWithANestedRollback(OrderAnalytics analytics, DataSource database) {
        DataSourceTransactionManager manager = new DataSourceTransactionManager(database);
        TransactionTemplate nested = new TransactionTemplate(manager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        new TransactionTemplate(manager).executeWithoutResult(outer -> {
            analytics.orderPlaced(order("ord_outer"), Identity.customer("c"));
            nested.executeWithoutResult(inner -> {
                analytics.orderPlaced(order("ord_nested"), Identity.customer("c"));
                inner.setRollbackOnly();
            });
            analytics.orderPlaced(order("ord_after"), Identity.customer("c"));
        });
    }

    private static DataSource database(boolean withTable) {
        return H2Databases.create(withTable);
    }

    /**
     * Connections in manual commit, rolled back when closed, as a pool tuned with
     * {@code auto-commit=false} hands them out and takes them back.
     */
    private static DataSource manualCommit(DataSource database) {
        return new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                real.setAutoCommit(false);
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                real.rollback();
                            }
                            return method.invoke(real, args);
                        });
            }
        };
    }

    /** The order ids in the outbox table, in the order written. */
    private static List<String> rows(DataSource dataSource) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (String payload : Sql.column(dataSource, "SELECT payload FROM order_analytics_outbox ORDER BY id")) {
            int at = payload.indexOf("\"order_id\":\"") + "\"order_id\":\"".length();
            ids.add(payload.substring(at, payload.indexOf('"', at)));
        }
        return ids;
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("15.00", "EUR")).build();
    }
}
