package io.github.orderanalytics.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * order-analytics.outbox.enabled=true on an Agroal H2 DataSource: the row is written on the JTA
 * transaction's connection, so it commits or rolls back with the order; the relay sends committed rows
 * to the Dev Service's FakePostHog; readiness and the meters see the outbox.
 */
class OutboxTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final QuarkusUnitTest app = ShopApp.on("outbox")
            .overrideConfigKey("order-analytics.outbox.enabled", "true")
            .overrideConfigKey("order-analytics.outbox.poll-interval", "20ms");

    @Inject
    Shop shop;

    @Inject
    OrderAnalytics analytics;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meters;

    private RemoteFakePostHog posthog;

    @BeforeEach
    void connect() {
        posthog = DevServicePostHog.emptied();
    }

    @Test
    void theBeanIsTheOutbox() {
        assertThat(analytics.getClass().getSimpleName()).isEqualTo("OutboxOrderAnalytics");
    }

    @Test
    void aCommittedOrderIsRelayedOnceAndARolledBackOneLeavesNoRow() throws Exception {
        assertThatThrownBy(() -> shop.place("ord_box_declined", true)).isInstanceOf(IllegalStateException.class);
        assertThat(rows("ord_box_declined")).isZero();

        shop.place("ord_box_paid", false);

        List<PostHogEvent> events = posthog.awaitEvents(1, WAIT);
        assertThat(events).extracting(e -> e.properties().get("order_id")).containsExactly("ord_box_paid");
    }

    @Test
    void readinessAndMetersSeeTheOutbox() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("order-analytics-outbox"));
        given().when().get("/q/health/well").then().body("checks.name", hasItem("order-analytics"));
        assertThat(meters.find("order.analytics.events").meters()).isNotEmpty();
        assertThat(meters.find("order.analytics.outbox.pending").gauge()).isNotNull();
    }

    private long rows(String orderId) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT COUNT(*) FROM order_analytics_outbox WHERE payload LIKE '%" + orderId + "%'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
