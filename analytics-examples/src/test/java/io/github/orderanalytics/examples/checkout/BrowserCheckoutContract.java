package io.github.orderanalytics.examples.checkout;

import static io.github.orderanalytics.testkit.OrderAnalyticsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.FakePostHog;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * A real headless Chromium runs the real posthog-js on the example shop's page ({@code shop.html}),
 * which reports to FakePostHog and checks out against the running app; the starter reports the
 * order. The order must land under the browser's visitor and in its session, as a PostHog funnel
 * needs. Concrete classes choose how the app reports: after commit, or through the outbox.
 */
abstract class BrowserCheckoutContract {
    static final String STATIC_LOCATIONS =
            "spring.web.resources.static-locations=classpath:/static/,file:target/posthog-js-"
                    + HeadlessChromium.POSTHOG_JS_VERSION + "/";

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    static HeadlessChromium chromium;

    @Autowired
    Environment environment;

    @Autowired
    FakePostHog posthog;

    @BeforeAll
    static void browserAndPosthogJs() throws Exception {
        chromium = HeadlessChromium.findOrSkip();
        HeadlessChromium.posthogJsOrSkip();
    }

    /** What the page saw: the order id the app answered, and posthog-js's distinct id and session. */
    record Page(String orderId, String distinctId, String sessionId) {}

    Page shop(String buyer, String customerId, boolean tracingHeaders) throws Exception {
        String url = "http://localhost:" + environment.getRequiredProperty("local.server.port") + "/shop.html"
                + "?api=" + URLEncoder.encode(posthog.host(), StandardCharsets.UTF_8)
                + "&key=" + FakePostHog.API_KEY
                + "&buyer=" + buyer
                + "&customer=" + customerId
                + "&tracing=" + (tracingHeaders ? "on" : "off");
        Path work = Files.createDirectories(Path.of("target", "browser-tests"));
        String result = chromium.run(url, work);
        Matcher m = FIELD.matcher(result);
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        assertThat(fields).as("what the page reported: %s", result).containsKeys("orderId", "distinctId", "sessionId");
        Page page = new Page(fields.get("orderId"), fields.get("distinctId"), fields.get("sessionId"));
        // The page captured checkout_started before it checked out: its events are in when that one is.
        posthog.awaitBrowserEvent(e -> e.event().equals("checkout_started"), WAIT);
        posthog.awaitEvents(1, WAIT);
        return page;
    }

    @Test
    void aGuestsOrderJoinsTheBrowsersVisitorAndSession() throws Exception {
        Page page = shop("guest", "unused", true);

        assertThat(posthog).orderJoinedBrowser(page.orderId());
        assertThat(posthog)
                .receivedOrder(page.orderId())
                .hasDistinctId(page.distinctId())
                .hasProperty("$session_id", page.sessionId())
                .hasProperty("identity_type", "guest")
                .hasProperty("$process_person_profile", false);
        assertThat(posthog.events().get(0).properties().get("guest_id").toString())
                .startsWith("guest_");
        assertThat(posthog.browserEvents())
                .filteredOn(e -> e.event().equals("$pageview"))
                .extracting(PostHogEvent::distinctId)
                .contains(page.distinctId());
    }

    /**
     * The back office cancels a guest's order over the API, without the browser: the refund and the
     * cancellation go to the person the order went to, the browser's visitor, not to {@code guest_<hash>}.
     */
    @Test
    void aGuestsRefundAndCancellationFromTheBackOfficeStayWithTheBrowsersVisitor() throws Exception {
        Page page = shop("guest", "unused", true);

        HttpResponse<String> cancelled =
                new ShopHttp(environment).send("POST", "/orders/" + page.orderId() + "/cancellation", null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);

        List<PostHogEvent> server = posthog.awaitEvents(3, WAIT);
        assertThat(server)
                .extracting(PostHogEvent::event)
                .containsExactlyInAnyOrder("order_placed", "order_refunded", "order_cancelled");
        assertThat(server).extracting(PostHogEvent::distinctId).containsOnly(page.distinctId());
        assertThat(posthog).orderStayedWithOneVisitor(page.orderId());
        assertThat(posthog)
                .receivedRefund(page.orderId(), "cancel_" + page.orderId())
                .hasProperty("identity_type", "guest")
                .hasProperty("guest_id", server.get(0).properties().get("guest_id"))
                .doesNotHaveProperty("$session_id");
    }

    @Test
    void aCustomerThePageIdentifiedKeepsTheCustomerIdAndJoinsTheSession() throws Exception {
        Page page = shop("identified", "cus_identified", true);

        assertThat(page.distinctId()).isEqualTo("cus_identified");
        assertThat(posthog).orderJoinedBrowser(page.orderId());
        assertThat(posthog).receivedOrder(page.orderId()).hasDistinctId("cus_identified");
        assertThat(posthog.events()).extracting(PostHogEvent::event).containsExactly("order_placed");
    }

    @Test
    void aCustomerThePageDidNotIdentifyIsLinkedToTheBrowserByOneIdentify() throws Exception {
        Page page = shop("customer", "cus_anonymous_browser", true);

        List<PostHogEvent> server = posthog.awaitEvents(2, WAIT);
        assertThat(server).extracting(PostHogEvent::event).containsExactlyInAnyOrder("$identify", "order_placed");
        assertThat(posthog).orderJoinedBrowser(page.orderId());
        assertThat(posthog).receivedOrder(page.orderId()).hasDistinctId("cus_anonymous_browser");
        assertThat(server)
                .filteredOn(e -> e.event().equals("$identify"))
                .singleElement()
                .satisfies(identify ->
                        assertThat(identify.properties()).containsEntry("$anon_distinct_id", page.distinctId()));
    }

    @Test
    void withoutTracingHeadersAGuestFallsBackToTheGuestId() throws Exception {
        Page page = shop("guest", "unused", false);

        PostHogEvent order = posthog.events().get(0);
        assertThat(order.distinctId()).startsWith("guest_").isNotEqualTo(page.distinctId());
        assertThat(order.properties()).doesNotContainKeys("$session_id", "guest_id");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> assertThat(posthog).orderJoinedBrowserVisitor(page.orderId()))
                .hasMessageContaining("to join a browser visitor");
    }
}
