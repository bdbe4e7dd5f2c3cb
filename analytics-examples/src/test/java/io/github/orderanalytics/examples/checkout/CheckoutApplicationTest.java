package io.github.orderanalytics.examples.checkout;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole service over HTTP: a real web server, an embedded database, the starter's real client
 * sending to FakePostHog. A committed order arrives with the exact amounts; an order whose
 * transaction rolls back is never even handed to the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseFakePostHog
class CheckoutApplicationTest extends RunningShopTest {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"(ord_[^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCommittedOrderIsReportedOnceWithItsExactAmounts() throws Exception {
        HttpResponse<String> response = post("/orders", """
                {"customerId": "cus_42", "lines": [{"sku": "MUG-01", "quantity": 2}, {"sku": "TEE-02", "quantity": 1}]}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String orderId = orderId(response.body());
        assertThat(client.flush(WAIT)).isTrue();
        assertThat(posthog).receivedOnly(orderId).hasNoViolations();
        assertThat(posthog)
                .receivedOrder(orderId)
                .hasDistinctId("cus_42")
                .hasRevenue("49.99", "EUR")
                .hasProduct("MUG-01", 2, "12.50")
                .hasProduct("TEE-02", 1, "24.99")
                .hasUuidOfItsOrder();
    }

    @Test
    void anOrderWhoseTransactionRollsBackIsNeverReported() throws Exception {
        long ordersBefore = countOrders();
        long acceptedBefore = client.stats().accepted();

        HttpResponse<String> response = post("/orders", """
                {"customerId": "cus_43", "lines": [{"sku": "TEE-02", "quantity": 1}, {"sku": "CAP-03", "quantity": 2}]}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(countOrders()).as("the order rolled back").isEqualTo(ordersBefore);
        assertThat(client.flush(WAIT)).isTrue();
        assertThat(client.stats().accepted()).as("the client never saw it").isEqualTo(acceptedBefore);
        assertThat(posthog.events()).isEmpty();
    }

    @Test
    void healthShowsTheClientButTheProbesLeaveItOut() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(health.body()).contains("\"orderAnalytics\"");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("orderAnalytics");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).doesNotContain("orderAnalytics");
    }

    private long countOrders() {
        return jdbc.sql("SELECT COUNT(*) FROM orders").query(Long.class).single();
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }

    private static String orderId(String body) {
        Matcher m = ORDER_ID.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
