package io.github.orderanalytics.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsAutoConfiguration;
import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsHealthAutoConfiguration;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testsupport.Await;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health contributor: each condition, and the client's trouble as its status. */
class OrderAnalyticsHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OrderAnalyticsAutoConfiguration.class, OrderAnalyticsHealthAutoConfiguration.class))
            .withPropertyValues(
                    "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                    "order-analytics.posthog.host=" + posthog.host(),
                    "order-analytics.posthog.profile=development",
                    "order-analytics.posthog.initial-backoff=10ms",
                    "order-analytics.posthog.max-backoff=50ms",
                    "order-analytics.posthog.shutdown-timeout=1s");

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void upWhileDeliveringDownWhenEveryRequestFailedLongerThanDownAfterUpAgainOnRecovery() {
        runner.withPropertyValues("order-analytics.health.down-after=0s").run(context -> {
            OrderAnalyticsHealthIndicator indicator = context.getBean(OrderAnalyticsHealthIndicator.class);
            OrderAnalytics analytics = context.getBean(OrderAnalytics.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            posthog.refuseConnections();
            analytics.orderPlaced(order("ord_1"), Identity.customer("c"));
            Health down = awaitStatus(indicator::health, Status.DOWN);
            assertThat(down.getDetails())
                    .containsEntry("accepted", 1L)
                    .containsKeys("lastError", "failingFor", "queueDepth")
                    .doesNotContainKey("sinceLastDelivery");
            assertThat(down.getDetails().toString()).doesNotContain(FakePostHog.API_KEY);

            posthog.acceptConnections();
            Health up = awaitStatus(indicator::health, Status.UP);
            assertThat(up.getDetails()).containsEntry("delivered", 1L).containsKey("sinceLastDelivery");
        });
    }

    @Test
    void aShortRunOfFailuresStaysUp() {
        runner.withPropertyValues("order-analytics.health.down-after=1h").run(context -> {
            OrderAnalyticsHealthIndicator indicator = context.getBean(OrderAnalyticsHealthIndicator.class);
            posthog.refuseConnections();
            context.getBean(OrderAnalytics.class).orderPlaced(order("ord_1"), Identity.customer("c"));

            Health failing = awaitDetail(indicator::health, "failingFor");

            assertThat(failing.getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void withoutAnApiKeyTheStatusIsUnknown() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        OrderAnalyticsAutoConfiguration.class, OrderAnalyticsHealthAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(OrderAnalyticsHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.UNKNOWN));
    }

    @Test
    void switchedOffByManagementHealthProperty() {
        runner.withPropertyValues("management.health.order-analytics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OrderAnalyticsHealthIndicator.class));
    }

    @Test
    void withoutActuatorHealthThereIsNoIndicator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context ->
                        assertThat(context).hasNotFailed().doesNotHaveBean(OrderAnalyticsHealthIndicator.class));
    }

    @Test
    void aUsersOwnOrderAnalyticsGetsNoIndicator() {
        runner.withBean(OrderAnalytics.class, OrderAnalytics::noop)
                .run(context -> assertThat(context).doesNotHaveBean(OrderAnalyticsHealthIndicator.class));
    }

    private static Health awaitStatus(Supplier<Health> health, Status status) {
        return await(health, h -> h.getStatus().equals(status), "status " + status);
    }

    private static Health awaitDetail(Supplier<Health> health, String key) {
        return await(health, h -> h.getDetails().containsKey(key), "detail " + key);
    }

    private static Health await(Supplier<Health> health, Predicate<Health> done, String what) {
        return Await.value(health, done, WAIT, what);
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("10.00", "EUR")).build();
    }
}
