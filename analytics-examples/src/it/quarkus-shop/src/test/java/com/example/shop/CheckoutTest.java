package com.example.shop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Over HTTP, against the Dev Service's FakePostHog: committed orders arrive once, declined ones never. */
@QuarkusTest
class CheckoutTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "order-analytics.posthog.host")
    String host;

    @Inject
    PostHogOrderAnalytics client;

    RemoteFakePostHog posthog;

    @BeforeEach
    void connect() {
        posthog = RemoteFakePostHog.at(host);
        posthog.reset();
    }

    @Test
    void aPaidOrderArrivesOnceAndADeclinedOneNever() {
        String declined = place(
                "{\"customerId\": \"cus_7\", \"sku\": \"MUG-01\", \"quantity\": 1, \"declinePayment\": true}", 402);
        String paid = place("{\"customerId\": \"cus_7\", \"sku\": \"MUG-01\", \"quantity\": 2}", 201);

        assertThat(client.flush(WAIT)).isTrue();
        List<PostHogEvent> events = posthog.awaitEvents(1, WAIT);

        assertThat(events).extracting(e -> e.properties().get("order_id")).containsExactly(paid);
        assertThat(events.get(0).distinctId()).isEqualTo("cus_7");
        assertThat(new BigDecimal(events.get(0).properties().get("revenue").toString()))
                .isEqualByComparingTo("49.00");
        assertThat(declined).isNull();
    }

    /** Posts an order; its id when placed, null when declined. */
    static String place(String json, int status) {
        return given().contentType("application/json")
                .body(json)
                .post("/orders")
                .then()
                .statusCode(status)
                .extract()
                .path("orderId");
    }
}
