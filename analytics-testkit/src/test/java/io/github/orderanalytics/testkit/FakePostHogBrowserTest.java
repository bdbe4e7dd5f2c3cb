package io.github.orderanalytics.testkit;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FakePostHog takes what posthog-js sends, over real HTTP, and tells whether an order joined the browser. */
class FakePostHogBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VISITOR = "01a21c72-9100-7abc-9def-0123456789ab";
    /** A session that posthog-js started a minute ago: orders placed now fall in it. */
    private static final String SESSION =
            BrowserIds.sessionStartedAt(java.time.Instant.now().minusSeconds(60));

    private final FakePostHog posthog = FakePostHog.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        posthog.close();
    }

    private static String pageview(String distinctId, String session) {
        return "{\"event\":\"$pageview\",\"uuid\":\"01a21c72-9100-7000-8000-00000000000a\","
                + "\"timestamp\":\"2026-11-27T10:01:00.000Z\",\"properties\":{\"distinct_id\":\"" + distinctId
                + "\",\"$session_id\":\"" + session + "\",\"token\":\"" + FakePostHog.API_KEY + "\"}}";
    }

    private HttpResponse<String> post(String pathAndQuery, byte[] body, String contentType) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(posthog.host() + pathAndQuery))
                        .header("Content-Type", contentType)
                        .header("Origin", "http://localhost:8080")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void takesEveryBodyPosthogJsSendsWithCorsAndKeepsBrowserEventsApart() throws Exception {
        String batch = "{\"api_key\":\"" + FakePostHog.API_KEY + "\",\"batch\":[" + pageview(VISITOR, SESSION) + "]}";
        String base64 = Base64.getEncoder().encodeToString(batch.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> plain = post("/e/", batch.getBytes(StandardCharsets.UTF_8), "application/json");
        post(
                "/e/?compression=base64",
                ("data=" + URLEncoder.encode(base64, StandardCharsets.UTF_8)).getBytes(StandardCharsets.ISO_8859_1),
                "application/x-www-form-urlencoded");
        post("/i/v0/e/?compression=gzip-js", Gzip.of("[" + pageview(VISITOR, SESSION) + "]"), "text/plain");
        post("/s/?compression=gzip-js", Gzip.of("[{\"event\":\"$snapshot\"}]"), "text/plain"); // a recording
        HttpResponse<String> flags =
                post("/flags/?v=2", "data=e30=".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(posthog.host() + "/e/"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:8080")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        org.assertj.core.api.Assertions.assertThat(plain.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(plain.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("http://localhost:8080");
        org.assertj.core.api.Assertions.assertThat(flags.body()).contains("\"featureFlags\":{}");
        org.assertj.core.api.Assertions.assertThat(preflight.statusCode()).isEqualTo(204);
        org.assertj.core.api.Assertions.assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("content-type");
        org.assertj.core.api.Assertions.assertThat(posthog.browserEvents())
                .hasSize(3)
                .allSatisfy(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.event()).isEqualTo("$pageview");
                    org.assertj.core.api.Assertions.assertThat(e.distinctId()).isEqualTo(VISITOR);
                });
        org.assertj.core.api.Assertions.assertThat(posthog.events())
                .as("server events")
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(posthog.requests())
                .as("server requests")
                .isEmpty();
    }

    @Test
    void aGuestsOrderWithTheBrowsersContextJoinsItsVisitorAndSession() throws Exception {
        post("/e/", pageview(VISITOR, SESSION).getBytes(StandardCharsets.UTF_8), "application/json");
        try (PostHogOrderAnalytics analytics =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            analytics.orderPlaced(
                    order("ord_1"),
                    Identity.guest("jane@example.com").withBrowser(BrowserContext.of(VISITOR, SESSION)));
            analytics.orderPlaced(order("ord_2"), Identity.guest("jane@example.com"));
            posthog.awaitEvents(2, WAIT);
        }

        assertThat(posthog).orderJoinedBrowser("ord_1");
        assertThatThrownBy(() -> assertThat(posthog).orderJoinedBrowserVisitor("ord_2"))
                .hasMessageContaining("Expected order ord_2 (distinct_id <guest_")
                .hasMessageContaining("to join a browser visitor")
                .hasMessageContaining("$pageview by " + VISITOR + ", session " + SESSION);
        assertThatThrownBy(() -> assertThat(posthog).orderJoinedBrowserSession("ord_2"))
                .hasMessageContaining("Expected order ord_2 ($session_id <null>) to join a session of the browser");
    }

    @Test
    void aRefundOrCancellationUnderAnotherPersonThanItsOrderFailsNamingIt() throws Exception {
        Identity atCheckout = Identity.guest("jane@example.com").withBrowser(BrowserContext.of(VISITOR, SESSION));
        String kept = atCheckout.browserDistinctId().orElseThrow();
        try (PostHogOrderAnalytics analytics =
                PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            analytics.orderPlaced(order("ord_1"), atCheckout);
            analytics.orderRefunded(
                    io.github.orderanalytics.Refund.builder("ord_1", "re_1", Money.of("5.00", "EUR"))
                            .build(),
                    Identity.guest("jane@example.com").withBrowserDistinctId(kept));
            analytics.orderPlaced(order("ord_2"), atCheckout);
            analytics.orderCancelled(
                    io.github.orderanalytics.Cancellation.builder("ord_2").build(), Identity.guest("jane@example.com"));
            posthog.awaitEvents(4, WAIT);
        }

        assertThat(posthog).orderStayedWithOneVisitor("ord_1");
        assertThatThrownBy(() -> assertThat(posthog).orderStayedWithOneVisitor("ord_2"))
                .hasMessageContaining(
                        "Expected every event of order ord_2 under its order_placed's distinct_id <" + VISITOR + ">")
                .hasMessageContaining("order_cancelled");
    }

    @Test
    void aCustomersOrderJoinsAnAnonymousBrowserThroughTheServersIdentify() throws Exception {
        post("/e/", pageview(VISITOR, SESSION).getBytes(StandardCharsets.UTF_8), "application/json");
        try (PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(
                posthog.clientConfig().linkBrowserToCustomer(true).build())) {
            analytics.orderPlaced(
                    order("ord_1"), Identity.customer("cus_42").withBrowser(BrowserContext.of(VISITOR, SESSION)));
            posthog.awaitEvents(2, WAIT);
        }

        assertThat(posthog).orderJoinedBrowser("ord_1").receivedEventCount(2);
        org.assertj.core.api.Assertions.assertThat(posthog.events())
                .extracting(PostHogEvent::event)
                .containsExactly("$identify", "order_placed");
    }

    @Test
    void awaitingABrowserEventFailsWithWhatTheBrowserSent() throws Exception {
        post("/e/", pageview(VISITOR, SESSION).getBytes(StandardCharsets.UTF_8), "application/json");

        org.assertj.core.api.Assertions.assertThat(
                        posthog.awaitBrowserEvent(e -> e.event().equals("$pageview"), WAIT))
                .hasSize(1);
        assertThatThrownBy(() -> posthog.awaitBrowserEvent(e -> e.event().equals("$identify"), Duration.ofMillis(50)))
                .hasMessageContaining("expected a matching browser event within PT0.05S but the browser sent")
                .hasMessageContaining("$pageview by " + VISITOR);
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("10.00", "EUR")).build();
    }
}
