package io.github.orderanalytics.examples.checkout;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import io.github.orderanalytics.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same service with the transactional outbox on: the event row commits with the order on the
 * embedded database (whose table the starter creates), the relay delivers it, and the
 * {@code orderanalyticsoutbox} endpoint operates dead rows over HTTP.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "order-analytics.outbox.enabled=true",
            "order-analytics.outbox.poll-interval=50ms",
            "management.endpoints.web.exposure.include=health,orderanalyticsoutbox",
            "management.endpoint.orderanalyticsoutbox.access=unrestricted"
        })
@UseFakePostHog
class CheckoutWithOutboxTest extends RunningShopTest {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"(ord_[^\"]+)\"");
    private static final Pattern EVENT_UUID = Pattern.compile("\"eventUuid\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Test
    void aCommittedOrderIsRelayedAndARefusedOneIsResubmittedThroughTheEndpoint() throws Exception {
        posthog.rejectEventsWhere(e -> e.distinctId().equals("cus_refused"));
        String refused = orderId(placeOrder("cus_refused"));
        Await.until(() -> outbox().contains("\"dead\":1"), WAIT, this::outbox);
        String outbox = outbox();
        assertThat(outbox).contains("\"reason\":\"PostHog refused the event: HTTP 400\"");
        assertThat(outbox).as("payloads stay out of the endpoint").doesNotContain("cus_refused");

        String committed = orderId(placeOrder("cus_42"));
        posthog.awaitEvents(1, WAIT);
        assertThat(posthog).receivedOnly(committed);

        posthog.rejectEventsWhere(e -> false);
        Matcher uuid = EVENT_UUID.matcher(outbox);
        assertThat(uuid.find()).as(outbox).isTrue();
        HttpResponse<String> resubmitted =
                send("POST", "/actuator/orderanalyticsoutbox", "{\"uuids\": \"" + uuid.group(1) + "\"}");
        assertThat(resubmitted.body()).isEqualTo("{\"resubmitted\":1}");

        posthog.awaitEvents(2, WAIT);
        assertThat(posthog).receivedOnly(committed, refused);
        assertThat(body(send("DELETE", "/actuator/orderanalyticsoutbox/30d", null)))
                .contains("\"purged\":0");
    }

    @Test
    void malformedRequestsAreRefusedWithA400AndChangeNothing() throws Exception {
        for (String age : new String[] {"30", "0s", "-1d", "P0D", "soon"}) {
            HttpResponse<String> purge = send("DELETE", "/actuator/orderanalyticsoutbox/" + age, null);
            assertThat(purge.statusCode()).as("purge %s: %s", age, purge.body()).isEqualTo(400);
        }
        HttpResponse<String> resubmit = send("POST", "/actuator/orderanalyticsoutbox", "{\"uuids\": \"not-a-uuid\"}");
        assertThat(resubmit.statusCode()).as(resubmit.body()).isEqualTo(400);
        HttpResponse<String> page = get("/actuator/orderanalyticsoutbox/-1");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(get("/actuator/orderanalyticsoutbox/x").statusCode()).isEqualTo(400);
    }

    @Test
    void anOrderWhoseTransactionRollsBackLeavesNoRow() throws Exception {
        HttpResponse<String> response = post("/orders", """
                {"customerId": "cus_43", "lines": [{"sku": "TEE-02", "quantity": 1}, {"sku": "CAP-03", "quantity": 2}]}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        // Whatever the table held has gone out by now; the rolled-back order was never in it.
        Await.until(() -> outbox().contains("\"pending\":0"), WAIT, this::outbox);
        assertThat(posthog.events()).noneMatch(e -> e.distinctId().equals("cus_43"));
    }

    /** The endpoint's read operation, as an operator's GET sees it. */
    private String outbox() {
        try {
            return body(get("/actuator/orderanalyticsoutbox"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String placeOrder(String customer) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/orders", """
                {"customerId": "%s", "lines": [{"sku": "MUG-01", "quantity": 1}]}
                """.formatted(customer));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        return shop().send(method, path, json);
    }

    private static String body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String orderId(String body) {
        Matcher m = ORDER_ID.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
