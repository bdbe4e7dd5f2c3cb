package io.github.orderanalytics.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * posthog-js's tracing headers, and with {@code browser-context.cookie=true} its cookie, on a REST checkout
 * reach the order: a guest's order carries the browser's distinct id and session; a customer keeps the
 * customer id, whatever the browser says. The cookie's name holds the project key: the client's, here
 * the Dev Service's, so a key read from anywhere else would miss it.
 */
class BrowserContextTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CheckoutResource.class, DevServicePostHog.class))
            .overrideConfigKey("order-analytics.browser-context.cookie", "true")
            .overrideConfigKey("quarkus.log.category.\"io.github.orderanalytics.quarkus\".level", "DEBUG");

    private RemoteFakePostHog posthog;

    @BeforeEach
    void connect() {
        posthog = DevServicePostHog.emptied();
    }

    @Test
    void aGuestsOrderJoinsTheBrowserThatShopped() {
        String browser = uuidV7Now(); // posthog-js's id for an anonymous visitor
        String session = uuidV7Now();

        PostHogEvent event = guestCheckout(
                "ord_guest", given().header("X-POSTHOG-DISTINCT-ID", browser).header("x-posthog-session-id", session));

        assertThat(event.distinctId()).isEqualTo(browser);
        assertThat(event.properties()).containsEntry("$session_id", session);
    }

    @Test
    void aCustomerKeepsTheirIdWhateverTheBrowserSays() {
        given().header("X-POSTHOG-DISTINCT-ID", uuidV7Now())
                .post("/checkout/ord_customer?customer=cus_42")
                .then()
                .statusCode(204);

        assertThat(posthog.awaitEvents(1, WAIT).get(0).distinctId()).isEqualTo("cus_42");
    }

    @Test
    void aHeaderThatIsNoIdIsIgnoredAndCheckoutGoesOn() {
        PostHogEvent event = guestCheckout("ord_forged", given().header("X-POSTHOG-DISTINCT-ID", "cus_someone_else"));

        assertThat(event.distinctId()).isNotEqualTo("cus_someone_else");
    }

    @Test
    void withoutHeadersTheCookieSaysWhichBrowserShopped() {
        String visitor = uuidV7Now();
        String session = uuidV7Now();

        PostHogEvent event = guestCheckout("ord_cookie", given().header("Cookie", persistence(visitor, session)));

        assertThat(event.distinctId()).isEqualTo(visitor);
        assertThat(event.properties()).containsEntry("$session_id", session);
    }

    @Test
    void aBrowserThatOptedOutIsNotFollowedEvenByItsHeaders() {
        String visitor = uuidV7Now();
        String optedOut = persistence(visitor, uuidV7Now()) + "; __ph_opt_in_out_" + FakePostHog.API_KEY + "=0";

        PostHogEvent event = guestCheckout(
                "ord_opted_out", given().header("Cookie", optedOut).header("X-POSTHOG-DISTINCT-ID", visitor));

        assertThat(event.distinctId()).isNotEqualTo(visitor);
        assertThat(event.properties()).doesNotContainKey("$session_id");
    }

    /** A guest's checkout from the browser {@code request} describes; the one event it reports. */
    private PostHogEvent guestCheckout(String orderId, RequestSpecification request) {
        request.post("/checkout/" + orderId + "?email=jane@example.com").then().statusCode(204);
        return posthog.awaitEvents(1, WAIT).get(0);
    }

    /** posthog-js's cookie for the Dev Service's project: the visitor's id and session. */
    private static String persistence(String visitor, String session) {
        String json = "{\"distinct_id\":\"" + visitor + "\",\"$sesid\":[1,\"" + session + "\",1]}";
        return "ph_" + FakePostHog.API_KEY + "_posthog=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    /** An id as posthog-js makes them (anonymous visitor, session): a UUIDv7 of this millisecond. */
    private static String uuidV7Now() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
