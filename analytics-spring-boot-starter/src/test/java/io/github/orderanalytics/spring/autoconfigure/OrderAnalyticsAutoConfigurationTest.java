package io.github.orderanalytics.spring.autoconfigure;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.micrometer.OrderAnalyticsMetrics;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.OrderCancelledEvent;
import io.github.orderanalytics.spring.OrderPlacedEvent;
import io.github.orderanalytics.spring.OrderRefundedEvent;
import io.github.orderanalytics.spring.TransactionAwareOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Each condition of the auto-configuration, in a real application context. */
class OrderAnalyticsAutoConfigurationTest {
    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OrderAnalyticsAutoConfiguration.class,
                    OrderAnalyticsTransactionAutoConfiguration.class,
                    OrderAnalyticsMetricsAutoConfiguration.class,
                    OrderAnalyticsHealthAutoConfiguration.class));

    @AfterEach
    void stop() {
        posthog.close();
    }

    private String[] clientProperties() {
        return new String[] {
            "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
            "order-analytics.posthog.host=" + posthog.host(),
            "order-analytics.posthog.profile=development",
            "order-analytics.posthog.shutdown-timeout=5s"
        };
    }

    private static Refund refund(String orderId, String refundId) {
        return Refund.builder(orderId, refundId, Money.of("5.00", "EUR")).build();
    }

    private static Cancellation cancellation(String orderId) {
        return Cancellation.builder(orderId).reason("customer_request").build();
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("49.99", "EUR")).build();
    }

    /** The POSTHOG_* fallback comes through Spring's Environment: a test or a profile can set it. */
    @Test
    void thePostHogVariablesAreReadFromSpringsEnvironment() {
        runner.withPropertyValues(
                        "POSTHOG_API_KEY=" + FakePostHog.API_KEY,
                        "POSTHOG_HOST=" + posthog.host(),
                        "POSTHOG_PROFILE=development",
                        "POSTHOG_MAX_RETRIES=3")
                .run(context -> {
                    PostHogOrderAnalytics client = context.getBean(PostHogOrderAnalytics.class);
                    assertThat(client.isEnabled()).isTrue();
                    assertThat(client.config().host()).isEqualTo(java.net.URI.create(posthog.host()));
                    assertThat(client.config().retries().maxRetries()).isEqualTo(3);

                    context.getBean(OrderAnalytics.class).orderPlaced(order("ord_env"), Identity.customer("c"));
                    posthog.awaitEvents(1, Duration.ofSeconds(5));
                    assertThat(posthog).receivedOnly("ord_env");
                });
    }

    @Test
    void aPropertyWinsOverItsVariable() {
        runner.withPropertyValues(clientProperties())
                .withPropertyValues("POSTHOG_MAX_RETRIES=3", "order-analytics.posthog.max-retries=7")
                .run(context -> assertThat(context.getBean(PostHogOrderAnalytics.class)
                                .config()
                                .retries()
                                .maxRetries())
                        .isEqualTo(7));
    }

    /** A customizer adds what properties cannot say, and the bean keeps its after-commit wrapping. */
    @Test
    void everyPostHogConfigCustomizerIsAppliedAndTheBeanStaysTransactionAware() {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.github.orderanalytics.posthog.DeliveryListener listener =
                new io.github.orderanalytics.posthog.DeliveryListener() {
                    @Override
                    public void onDelivered(
                            io.github.orderanalytics.OrderEvent event, Identity identity, java.util.UUID uuid) {
                        told.add(event.orderId());
                    }
                };
        runner.withPropertyValues(clientProperties())
                .withBean(
                        "first",
                        io.github.orderanalytics.spring.PostHogConfigCustomizer.class,
                        () -> config -> config.deliveryListener(listener))
                .withBean(
                        "second",
                        io.github.orderanalytics.spring.PostHogConfigCustomizer.class,
                        () -> config -> config.maxRetries(2))
                .run(context -> {
                    PostHogOrderAnalytics client = context.getBean(PostHogOrderAnalytics.class);
                    assertThat(client.config().deliveryListener()).contains(listener);
                    assertThat(client.config().retries().maxRetries()).isEqualTo(2);
                    assertThat(context.getBean(OrderAnalytics.class))
                            .isInstanceOf(TransactionAwareOrderAnalytics.class);

                    context.getBean(OrderAnalytics.class).orderPlaced(order("ord_told"), Identity.customer("c"));
                    assertThat(client.flush(Duration.ofSeconds(5))).isTrue();
                    assertThat(told).containsExactly("ord_told");
                });
    }

    @Test
    void withAnApiKeyTheClientIsABeanAndOrderAnalyticsReportsAtOnceOutsideATransaction() {
        runner.withPropertyValues(clientProperties()).run(context -> {
            assertThat(context).hasSingleBean(PostHogOrderAnalytics.class);
            assertThat(context.getBean(OrderAnalytics.class)).isInstanceOf(TransactionAwareOrderAnalytics.class);
            PostHogOrderAnalytics client = context.getBean(PostHogOrderAnalytics.class);
            assertThat(client.isEnabled()).isTrue();
            assertThat(client.config().batching().flushAt()).isEqualTo(1);

            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_1"), Identity.customer("cus_42"));

            posthog.awaitEvents(1, Duration.ofSeconds(10));
            assertThat(posthog).receivedOnly("ord_1");
        });
    }

    @Test
    void closingTheContextClosesTheClientAndDeliversWhatWasAccepted() {
        PostHogOrderAnalytics[] client = new PostHogOrderAnalytics[1];
        runner.withPropertyValues(clientProperties())
                .withPropertyValues(
                        "order-analytics.posthog.profile=production", "order-analytics.posthog.flush-interval=1h")
                .run(context -> {
                    client[0] = context.getBean(PostHogOrderAnalytics.class);
                    for (int i = 0; i < 50; i++) {
                        context.getBean(OrderAnalytics.class).orderPlaced(order("ord_" + i), Identity.customer("c_1"));
                    }
                    assertThat(posthog.events()).isEmpty(); // batching: only closing sends them now
                });

        assertThat(posthog.events()).hasSize(50);
        assertThat(client[0].stats().delivered()).isEqualTo(50);
    }

    @Test
    void theClientClosesAfterLifecycleBeansStopSoTheirLastOrdersArrive() {
        PostHogOrderAnalytics[] client = new PostHogOrderAnalytics[1];
        runner.withPropertyValues(clientProperties())
                .withPropertyValues(
                        "order-analytics.posthog.profile=production", "order-analytics.posthog.flush-interval=1h")
                .withBean(WebServerStandIn.class)
                .run(context -> client[0] = context.getBean(PostHogOrderAnalytics.class));

        assertThat(posthog).receivedOnly("ord_during_stop");
        assertThat(client[0].stats().delivered()).isEqualTo(1);
    }

    /** Like a web server finishing its last request while the context stops it. */
    static final class WebServerStandIn implements SmartLifecycle {
        private final OrderAnalytics analytics;
        private volatile boolean running;

        WebServerStandIn(OrderAnalytics analytics) {
            this.analytics = analytics;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            analytics.orderPlaced(order("ord_during_stop"), Identity.customer("c_1"));
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Test
    void withoutAnApiKeyTheClientIsDisabled() {
        runner.withPropertyValues("order-analytics.posthog.host=" + posthog.host())
                .run(context -> {
                    assertThat(context.getBean(PostHogOrderAnalytics.class).isEnabled())
                            .isFalse();
                });
    }

    @Test
    void disabledGivesTheNoop() {
        runner.withPropertyValues("order-analytics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(PostHogOrderAnalytics.class);
            assertThat(context.getBean(OrderAnalytics.class)).isSameAs(OrderAnalytics.noop());
        });
    }

    @Test
    void aUsersOwnBeanWins() {
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        runner.withPropertyValues(clientProperties())
                .withBean(OrderAnalytics.class, () -> recording)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PostHogOrderAnalytics.class);
                    assertThat(context).doesNotHaveBean(TransactionAwareOrderAnalytics.class);

                    context.publishEvent(new OrderPlacedEvent(order("ord_7"), Identity.customer("cus_42")));

                    assertThat(recording).hasPlacedOnly("ord_7");
                });
    }

    @Test
    void badPropertiesFailTheStartNamingTheSetting() {
        runner.withPropertyValues(clientProperties())
                .withPropertyValues("order-analytics.posthog.flush-at=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("flushAt (POSTHOG_FLUSH_AT) must be between 1 and"));
    }

    @Test
    void withoutSpringTransactionsAPublishedEventIsReportedAtOnce() {
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        runner.withClassLoader(new FilteredClassLoader("org.springframework.transaction"))
                .withBean(OrderAnalytics.class, () -> recording)
                .run(context -> {
                    context.publishEvent(new OrderPlacedEvent(order("ord_9"), Identity.customer("cus_42")));

                    assertThat(recording).hasPlacedOnly("ord_9");
                });
    }

    @Test
    void inATransactionOrdersAreReportedAfterCommitAndNeverOnRollback() {
        runner.withPropertyValues(clientProperties())
                .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:tx;DB_CLOSE_DELAY=-1"))
                .run(context -> {
                    DataSource dataSource = context.getBean(DataSource.class);
                    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    ApplicationEventPublisher publisher = context;

                    tx.executeWithoutResult(status -> {
                        analytics.orderPlaced(order("ord_direct_committed"), Identity.customer("cus_42"));
                        publisher.publishEvent(
                                new OrderPlacedEvent(order("ord_event_committed"), Identity.customer("cus_42")));
                        assertThat(posthog.requests())
                                .as("nothing before commit")
                                .isEmpty();
                    });
                    tx.executeWithoutResult(status -> {
                        analytics.orderPlaced(order("ord_direct_rolled_back"), Identity.customer("cus_42"));
                        publisher.publishEvent(
                                new OrderPlacedEvent(order("ord_event_rolled_back"), Identity.customer("cus_42")));
                        status.setRollbackOnly();
                    });

                    assertThat(context.getBean(PostHogOrderAnalytics.class).flush(Duration.ofSeconds(10)))
                            .isTrue();
                    assertThat(posthog).receivedOnly("ord_direct_committed", "ord_event_committed");
                });
    }

    @Test
    void refundsAndCancellationsFollowTheOrdersTransactionRules() {
        runner.withPropertyValues(clientProperties())
                .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:tx_kinds;DB_CLOSE_DELAY=-1"))
                .run(context -> {
                    TransactionTemplate tx = new TransactionTemplate(
                            new DataSourceTransactionManager(context.getBean(DataSource.class)));
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
                    Identity buyer = Identity.customer("cus_42");

                    tx.executeWithoutResult(status -> {
                        analytics.orderRefunded(refund("ord_1", "re_direct"), buyer);
                        context.publishEvent(new OrderRefundedEvent(refund("ord_1", "re_event"), buyer));
                        context.publishEvent(new OrderCancelledEvent(cancellation("ord_2"), buyer));
                        assertThat(posthog.requests())
                                .as("nothing before commit")
                                .isEmpty();
                    });
                    tx.executeWithoutResult(status -> {
                        analytics.orderRefunded(refund("ord_1", "re_rolled_back"), buyer);
                        context.publishEvent(new OrderRefundedEvent(refund("ord_1", "re_event_rolled_back"), buyer));
                        context.publishEvent(new OrderCancelledEvent(cancellation("ord_3"), buyer));
                        status.setRollbackOnly();
                    });

                    assertThat(context.getBean(PostHogOrderAnalytics.class).flush(Duration.ofSeconds(10)))
                            .isTrue();
                    assertThat(posthog).receivedEventCount(3);
                    assertThat(posthog).receivedRefund("ord_1", "re_direct").hasDistinctId("cus_42");
                    assertThat(posthog).receivedRefund("ord_1", "re_event").hasRevenue("-5.00", "EUR");
                    assertThat(posthog).receivedCancellation("ord_2");
                });
    }

    @Test
    void withoutSpringTransactionsRefundsAndCancellationsAreReportedAtOnce() {
        RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
        runner.withClassLoader(new FilteredClassLoader("org.springframework.transaction"))
                .withBean(OrderAnalytics.class, () -> recording)
                .run(context -> {
                    context.publishEvent(new OrderRefundedEvent(refund("ord_9", "re_1"), Identity.customer("c")));
                    context.publishEvent(new OrderCancelledEvent(cancellation("ord_9"), Identity.customer("c")));

                    assertThat(recording).hasRefunded("ord_9", "re_1");
                    assertThat(recording).hasCancelled("ord_9");
                });
    }

    @Test
    void anOrderReportedFromAnotherAfterCommitCallbackIsStillReported() {
        runner.withPropertyValues(clientProperties())
                .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:tx2;DB_CLOSE_DELAY=-1"))
                .run(context -> {
                    TransactionTemplate tx = new TransactionTemplate(
                            new DataSourceTransactionManager(context.getBean(DataSource.class)));
                    OrderAnalytics analytics = context.getBean(OrderAnalytics.class);

                    tx.executeWithoutResult(status ->
                            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                                @Override
                                public void afterCommit() {
                                    // Still "in" the transaction: synchronization is active, but its
                                    // afterCommit calls were handed out already.
                                    analytics.orderPlaced(order("ord_from_after_commit"), Identity.customer("c"));
                                }
                            }));

                    assertThat(context.getBean(PostHogOrderAnalytics.class).flush(Duration.ofSeconds(10)))
                            .isTrue();
                    assertThat(posthog).receivedOnly("ord_from_after_commit");
                });
    }

    @Test
    void withMicrometerTheClientsMetersAreABinder() {
        runner.withPropertyValues(clientProperties()).run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(OrderAnalyticsMetrics.class).bindTo(registry);
            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_m"), Identity.customer("cus_42"));

            assertThat(registry.get("order.analytics.events")
                            .tags("event", "order_placed", "outcome", "accepted")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void withoutMicrometerThereIsNoBinder() {
        runner.withPropertyValues(clientProperties())
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> {
                    assertThat(context).hasSingleBean(PostHogOrderAnalytics.class);
                    assertThat(context).doesNotHaveBean(OrderAnalyticsMetrics.class);
                });
    }
}
