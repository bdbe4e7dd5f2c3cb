package io.github.orderanalytics.spring.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsOutboxAutoConfiguration;
import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsOutboxEndpointAutoConfiguration;
import io.github.orderanalytics.spring.testing.H2Databases;
import io.github.orderanalytics.spring.testing.StarterContexts;
import io.github.orderanalytics.testkit.FakePostHog;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The orderanalyticsoutbox endpoint: there only when exposed, and what each operation does. */
class OrderAnalyticsOutboxEndpointTest {
    private final FakePostHog posthog = FakePostHog.start();

    private final ApplicationContextRunner runner = StarterContexts.reportingTo(
                    posthog,
                    OrderAnalyticsOutboxAutoConfiguration.class,
                    OrderAnalyticsOutboxEndpointAutoConfiguration.class)
            .withBean(DataSource.class, () -> H2Databases.create(false))
            .withPropertyValues(StarterContexts.OUTBOX_WITHOUT_RELAY);

    @AfterEach
    void stop() {
        posthog.close();
    }

    @Test
    void absentUnlessTheApplicationExposesIt() {
        runner.run(context -> assertThat(context).doesNotHaveBean(OrderAnalyticsOutboxEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=orderanalyticsoutbox")
                .run(context -> assertThat(context).hasSingleBean(OrderAnalyticsOutboxEndpoint.class));
    }

    @Test
    void listsResubmitsAndPurgesDeadRowsWithoutShowingPayloads() {
        posthog.rejectEventsWhere(e -> true);
        runner.withPropertyValues("management.endpoints.web.exposure.include=orderanalyticsoutbox")
                .run(context -> {
                    context.getBean(OrderAnalytics.class)
                            .orderPlaced(
                                    Order.builder("ord_refused", Money.of("5.00", "EUR"))
                                            .build(),
                                    Identity.customer("c"));
                    OutboxRelay relay = OutboxRelay.builder(
                                    context.getBean(DataSource.class), context.getBean(PostHogOrderAnalytics.class))
                            .build();
                    relay.relayOnce();
                    OrderAnalyticsOutboxEndpoint endpoint = context.getBean(OrderAnalyticsOutboxEndpoint.class);

                    Map<String, Object> outbox = endpoint.outbox();

                    assertThat(outbox).containsEntry("pending", 0L).containsEntry("dead", 1L);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> dead = (List<Map<String, Object>>) outbox.get("deadRows");
                    assertThat(dead)
                            .singleElement()
                            .satisfies(row -> assertThat(row)
                                    .containsEntry("reason", "PostHog refused the event: HTTP 400")
                                    .doesNotContainKey("payload"));
                    assertThat(endpoint.deadRows(1)).containsEntry("deadRows", List.of());
                    assertThat(endpoint.purge("30d")).containsEntry("purged", 0);

                    posthog.reset();
                    assertThat(endpoint.resubmit(dead.get(0).get("eventUuid") + ", "))
                            .containsEntry("resubmitted", 1);
                    assertThat(relay.relayOnce().delivered()).isEqualTo(1);
                    assertThat(endpoint.resubmit("all")).containsEntry("resubmitted", 0);
                    assertThat(endpoint.outbox()).containsEntry("dead", 0L);
                });
    }
}
