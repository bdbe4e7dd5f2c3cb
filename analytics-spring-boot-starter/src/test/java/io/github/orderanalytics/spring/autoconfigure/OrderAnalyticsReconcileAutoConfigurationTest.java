package io.github.orderanalytics.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.posthog.reconcile.ExpectedEvent;
import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import io.github.orderanalytics.spring.endpoint.OrderAnalyticsReconcileEndpoint;
import io.github.orderanalytics.spring.reconcile.JdbcReconcileLease;
import io.github.orderanalytics.spring.reconcile.ReconcileJob;
import io.github.orderanalytics.spring.reconcile.ReconcileMetrics;
import io.github.orderanalytics.spring.reconcile.ReconcileRun;
import io.github.orderanalytics.spring.testing.H2Databases;
import io.github.orderanalytics.testkit.FakePostHog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each condition of the reconciliation, and a run against FakePostHog over real HTTP. */
class OrderAnalyticsReconcileAutoConfigurationTest {
    private static final Instant PLACED =
            Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);

    private final FakePostHog posthog = FakePostHog.start();

    private static final List<ExpectedEvent> SHOP = List.of(
            ExpectedEvent.of(order("ord_1"), Identity.customer("cus_1")),
            ExpectedEvent.of(order("ord_2"), Identity.customer("cus_2")));

    /** The shop's records as the application provides them. */
    private static final ExpectedOrderEvents RECORDS = (from, to) -> SHOP.stream()
            .filter(e -> !e.event().occurredAt().isBefore(from)
                    && e.event().occurredAt().isBefore(to));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OrderAnalyticsAutoConfiguration.class,
                    OrderAnalyticsReconcileAutoConfiguration.class,
                    OrderAnalyticsReconcileMetricsAutoConfiguration.class,
                    OrderAnalyticsReconcileEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                    "order-analytics.posthog.host=" + posthog.host(),
                    "order-analytics.posthog.profile=development",
                    "order-analytics.posthog.personal-api-key=" + FakePostHog.PERSONAL_API_KEY,
                    "order-analytics.posthog.project-id=" + FakePostHog.PROJECT_ID,
                    "order-analytics.posthog.app-host=" + posthog.host());

    @AfterEach
    void stop() {
        posthog.close();
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("10.00", "EUR")).placedAt(PLACED).build();
    }

    @Test
    void offByDefault() {
        runner.withBean(ExpectedOrderEvents.class, () -> RECORDS)
                .run(context -> assertThat(context)
                        .doesNotHaveBean(ReconcileJob.class)
                        .doesNotHaveBean(ReconcileSchedule.class));
    }

    @Test
    void enabledWithoutTheShopsRecordsFailsTheStartSayingWhatToProvide() {
        runner.withPropertyValues("order-analytics.reconcile.enabled=true")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("ExpectedOrderEvents"));
    }

    @Test
    void enabledWithoutAPersonalKeyFailsTheStartNamingTheSettings() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        OrderAnalyticsAutoConfiguration.class, OrderAnalyticsReconcileAutoConfiguration.class))
                .withPropertyValues(
                        "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                        "order-analytics.posthog.host=" + posthog.host(),
                        "order-analytics.reconcile.enabled=true")
                .withBean(ExpectedOrderEvents.class, () -> RECORDS)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("POSTHOG_PERSONAL_API_KEY")
                        .hasMessageContaining("POSTHOG_PROJECT_ID"));
    }

    @Test
    void aBadScheduleFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("order-analytics.reconcile.enabled=true", "order-analytics.reconcile.schedule=daily")
                .withBean(ExpectedOrderEvents.class, () -> RECORDS)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("order-analytics.reconcile.schedule is not a cron expression"));
    }

    /** A run finds what PostHog dropped silently, repairs it, and shows counts on the endpoint and meters. */
    @Test
    void aRunFindsRepairsAndShowsCountsOnly() {
        runner.withPropertyValues(
                        "order-analytics.reconcile.enabled=true",
                        "order-analytics.reconcile.settle=1m",
                        "order-analytics.reconcile.lookback=1h",
                        "management.endpoints.web.exposure.include=orderanalyticsreconcile")
                .withBean(ExpectedOrderEvents.class, () -> RECORDS)
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    PostHogOrderAnalytics client = context.getBean(PostHogOrderAnalytics.class);
                    posthog.dropSilently(e -> "ord_2".equals(e.properties().get("order_id")));
                    SHOP.forEach(e -> e.event().reportTo(client, e.identity()));
                    assertThat(client.flush(Duration.ofSeconds(10))).isTrue();
                    posthog.dropSilently(e -> false);
                    SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
                    context.getBean(ReconcileMetrics.class).bindTo(meters);
                    OrderAnalyticsReconcileEndpoint endpoint = context.getBean(OrderAnalyticsReconcileEndpoint.class);
                    assertThat(endpoint.lastRun()).containsEntry("lastRun", "none yet");
                    assertThat(meters.get("order.analytics.reconcile.missing")
                                    .gauge()
                                    .value())
                            .isNaN();

                    Map<String, Object> run = endpoint.runNow();

                    assertThat(run)
                            .containsEntry("expected", 2L)
                            .containsEntry("found", 1L)
                            .containsEntry("missing", 1L)
                            .containsEntry("resent", 1L)
                            .doesNotContainKey("failure");
                    assertThat(run.toString()).doesNotContain("cus_", "ord_");
                    assertThat(meters.get("order.analytics.reconcile.missing")
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    assertThat(meters.get("order.analytics.reconcile.repaired")
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    ReconcileRun again = context.getBean(ReconcileJob.class).run();
                    assertThat(again.missing()).isZero();
                    assertThat(again.found()).isEqualTo(2);
                    assertThat(endpoint.lastRun()).containsEntry("missing", 0L);
                });
    }

    @Test
    void aRefusedQueryIsAFailedRunNotEverythingMissing() {
        runner.withPropertyValues(
                        "order-analytics.reconcile.enabled=true",
                        "order-analytics.posthog.personal-api-key=phx_wrong",
                        "order-analytics.reconcile.settle=1m")
                .withBean(ExpectedOrderEvents.class, () -> RECORDS)
                .run(context -> {
                    ReconcileRun run = context.getBean(ReconcileJob.class).run();

                    assertThat(run.failure())
                            .hasValueSatisfying(f -> assertThat(f)
                                    .contains("POSTHOG_PERSONAL_API_KEY")
                                    .doesNotContain("phx_wrong"));
                    assertThat(run.missing()).isZero();
                    assertThat(run.resent()).isZero();
                    assertThat(posthog.requests()).as("nothing sent").isEmpty();
                });
    }

    /** Two instances with the same schedule and the outbox's DataSource: one runs each scheduled time. */
    @Test
    void withTheOutboxsDataSourceOneInstanceRunsEachScheduledTime() {
        DataSource shared = H2Databases.create(true);
        ApplicationContextRunner instance = runner.withConfiguration(
                        AutoConfigurations.of(OrderAnalyticsOutboxAutoConfiguration.class))
                .withPropertyValues(
                        "order-analytics.reconcile.enabled=true",
                        "order-analytics.reconcile.settle=1m",
                        "order-analytics.outbox.enabled=true",
                        "order-analytics.outbox.relay-enabled=false",
                        "order-analytics.outbox.initialize-schema=always")
                .withBean(DataSource.class, () -> shared)
                .withBean(ExpectedOrderEvents.class, () -> RECORDS);
        Instant scheduled = Instant.parse("2026-12-07T03:30:00Z");
        instance.run(first -> instance.run(second -> {
            assertThat(first).hasSingleBean(JdbcReconcileLease.class);

            Optional<ReconcileRun> one = first.getBean(ReconcileJob.class).runScheduled(scheduled);
            int queries = posthog.queries().size();
            Optional<ReconcileRun> other = second.getBean(ReconcileJob.class).runScheduled(scheduled);

            assertThat(one).isPresent();
            assertThat(other).as("the other instance took this run").isEmpty();
            assertThat(posthog.queries()).as("no query from the second").hasSize(queries);
            assertThat(second.getBean(ReconcileJob.class).runScheduled(scheduled.plus(Duration.ofDays(1))))
                    .as("the next day's run is free again")
                    .isPresent();
        }));
    }

    @Test
    void withoutALeaseTableEachInstanceRunsAndSaysSo() throws Exception {
        JdbcReconcileLease lease = new JdbcReconcileLease(H2Databases.create(false));

        assertThat(lease.take(Instant.parse("2026-12-07T03:30:00Z"))).isTrue();
        assertThat(lease.take(Instant.parse("2026-12-07T03:30:00Z")))
                .as("no table: runs anyway")
                .isTrue();
    }
}
