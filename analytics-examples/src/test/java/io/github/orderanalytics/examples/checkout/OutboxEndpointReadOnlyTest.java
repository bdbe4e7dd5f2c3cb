package io.github.orderanalytics.examples.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import io.github.orderanalytics.testsupport.Await;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Exposing the {@code orderanalyticsoutbox} endpoint opens it for reading only: resubmitting and
 * purging need {@code management.endpoint.orderanalyticsoutbox.access=unrestricted} as well.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "order-analytics.outbox.enabled=true",
            "order-analytics.outbox.poll-interval=50ms",
            "management.endpoints.web.exposure.include=health,orderanalyticsoutbox"
        })
@UseFakePostHog
class OutboxEndpointReadOnlyTest extends RunningShopTest {
    @Test
    void exposedItIsReadOnlyByDefault() throws Exception {
        posthog.rejectEventsWhere(e -> true);
        HttpResponse<String> placed = send(
                "POST", "/orders", "{\"customerId\": \"cus_ro\", \"lines\": [{\"sku\": \"MUG-01\", \"quantity\": 1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        Await.until(() -> read().contains("\"dead\":1"), WAIT, this::read);

        HttpResponse<String> resubmit = send("POST", "/actuator/orderanalyticsoutbox", "{\"uuids\": \"all\"}");
        HttpResponse<String> purge = send("DELETE", "/actuator/orderanalyticsoutbox/1s", null);

        assertThat(resubmit.statusCode()).as(resubmit.body()).isIn(404, 405);
        assertThat(purge.statusCode()).as(purge.body()).isIn(404, 405);
        assertThat(read()).as("the dead row is untouched").contains("\"dead\":1");
    }

    private String read() {
        try {
            HttpResponse<String> response = send("GET", "/actuator/orderanalyticsoutbox", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        return shop().send(method, path, json);
    }
}
