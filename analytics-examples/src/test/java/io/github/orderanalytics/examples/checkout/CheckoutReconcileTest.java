package io.github.orderanalytics.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shop's reconciliation: PostHog (the fake) answers 200 but stores nothing for one guest order, as
 * it does over its billing limit; a run of the starter's reconciliation, asked for on its endpoint,
 * finds it from the shop's own tables ({@link ShopRecords}) and sends it again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "order-analytics.reconcile.enabled=true",
            "order-analytics.reconcile.settle=0s",
            "order-analytics.reconcile.lookback=1h",
            "management.endpoints.web.exposure.include=orderanalyticsreconcile",
            "management.endpoint.orderanalyticsreconcile.access=unrestricted"
        })
@UseFakePostHog
class CheckoutReconcileTest extends RunningShopTest {
    @Test
    void anOrderPostHogDroppedIsFoundFromTheShopsTablesAndSentAgain() throws Exception {
        ShopHttp shop = shop();
        posthog.dropSilently(e -> e.distinctId().startsWith("guest_")); // over the limit for the guest's order
        String kept = ShopHttp.orderId(shop.send("POST", "/orders", """
                {"customerId": "cus_reconcile", "lines": [{"sku": "MUG-01", "quantity": 2}]}
                """));
        String dropped = ShopHttp.orderId(shop.send("POST", "/orders", """
                {"email": "late@example.com", "lines": [{"sku": "TEE-02", "quantity": 1}]}
                """));
        assertThat(shop.send("POST", "/orders/" + kept + "/cancellation", null).statusCode())
                .isEqualTo(204);
        assertThat(client.flush(WAIT)).isTrue();
        posthog.dropSilently(e -> false);

        HttpResponse<String> run = shop.send("POST", "/actuator/orderanalyticsreconcile", null);

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(run.body())
                .contains("\"expected\":4", "\"found\":3", "\"missing\":1", "\"resent\":1")
                .contains("\"mismatched\":0", "\"unexpected\":0")
                .doesNotContain("failure");
        assertThat(posthog.events())
                .filteredOn(e -> dropped.equals(e.properties().get("order_id")))
                .extracting(PostHogEvent::event)
                .containsExactly("order_placed");
        assertThat(shop.send("GET", "/actuator/orderanalyticsreconcile", null).body())
                .contains("\"missing\":1")
                .doesNotContain("late@example.com", dropped);
    }
}
