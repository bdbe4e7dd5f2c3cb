package io.github.orderanalytics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.outbox.OutboxOrderAnalytics;
import io.github.orderanalytics.outbox.OutboxRelay;
import io.github.orderanalytics.outbox.OutboxSchema;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testsupport.Await;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox meters read a real relay's table on H2, relaying over HTTP to FakePostHog. */
class OutboxMetricsTest {
    private final FakePostHog posthog = FakePostHog.start();
    private final PostHogConfig config = posthog.clientConfig().build();
    private final PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        client.close();
        posthog.close();
    }

    @Test
    void pendingRowsTheirAgeAndWhatTheRelayDid() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1");
        OutboxSchema.create(dataSource);
        OutboxOrderAnalytics outbox = OutboxOrderAnalytics.create(config);
        try (Connection c = dataSource.getConnection()) {
            for (String id : new String[] {"ord_1", "ord_2"}) {
                outbox.orderPlaced(c, Order.builder(id, Money.of("5.00", "EUR")).build(), Identity.customer("c"));
            }
        }
        OutboxRelay relay = OutboxRelay.builder(dataSource, client).build();
        new OutboxMetrics(relay, Tags.of("app", "shop"), Duration.ZERO).bindTo(registry);

        // The table is read off the scraping thread: a scrape sees the reading once it is in.
        Await.until(
                () -> registry.get("order.analytics.outbox.pending")
                                .tag("app", "shop")
                                .gauge()
                                .value()
                        == 2,
                () -> registry.get("order.analytics.outbox.pending").gauge().value());
        assertThat(registry.get("order.analytics.outbox.oldest.age").timeGauge().value(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(0);

        relay.relayOnce();

        Await.until(
                () -> registry.get("order.analytics.outbox.pending").gauge().value() == 0,
                () -> registry.get("order.analytics.outbox.pending").gauge().value());
        assertThat(registry.get("order.analytics.outbox.dead").gauge().value()).isZero();
        assertThat(registry.get("order.analytics.outbox.relayed")
                        .tag("outcome", "delivered")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        for (String outcome : new String[] {"rescheduled", "dead"}) {
            assertThat(registry.get("order.analytics.outbox.relayed")
                            .tag("outcome", outcome)
                            .functionCounter()
                            .count())
                    .as(outcome)
                    .isZero();
        }
        assertThat(posthog).extracting(p -> p.events().size()).isEqualTo(2);
    }
}
