package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The same shop with the outbox on H2: {@link CheckoutTest}'s checkout again (inherited), and the rows: a
 * declined order leaves none; a paid one is relayed once to the Dev Service's fake.
 */
@QuarkusTest
@TestProfile(OutboxProfile.class)
class CheckoutWithOutboxTest extends CheckoutTest {
    @Inject
    OrderAnalytics analytics;

    @Inject
    DataSource db;

    @Test
    void aDeclinedOrderLeavesNoRowAndAPaidOneIsRelayed() throws Exception {
        assertThat(analytics.getClass().getSimpleName()).isEqualTo("OutboxOrderAnalytics");

        long orders = count("SELECT COUNT(*) FROM orders");
        place("{\"email\": \"jane@example.com\", \"sku\": \"TEE-02\", \"quantity\": 1, \"declinePayment\": true}", 402);
        assertThat(count("SELECT COUNT(*) FROM order_analytics_outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(orders);

        String paid = place("{\"email\": \"jane@example.com\", \"sku\": \"TEE-02\", \"quantity\": 1}", 201);

        List<PostHogEvent> events = posthog.awaitEvents(1, WAIT);
        assertThat(events).extracting(e -> e.properties().get("order_id")).containsExactly(paid);
        assertThat(events.get(0).distinctId()).startsWith("guest_");
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
