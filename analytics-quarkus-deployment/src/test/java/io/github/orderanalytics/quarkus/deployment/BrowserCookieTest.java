package io.github.orderanalytics.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code order-analytics.browser-context.cookie=true}, posthog-js's cookie stands in for missing
 * headers. Its name holds the project key: the client's, here the Dev Service's, so a key read from
 * anywhere else would miss the cookie.
 */
class BrowserCookieTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(CheckoutResource.class, DevServicePostHog.class, BrowserContextTest.class))
            .overrideConfigKey("order-analytics.browser-context.cookie", "true");

    private RemoteFakePostHog posthog;

    @BeforeEach
    void connect() {
        posthog = DevServicePostHog.emptied();
    }

    private static String persistence(String visitor, String session) {
        return "ph_" + FakePostHog.API_KEY + "_posthog="
                + URLEncoder.encode(
                        "{\"distinct_id\":\"" + visitor + "\",\"$sesid\":[1,\"" + session + "\",1]}",
                        StandardCharsets.UTF_8);
    }

    @Test
    void aGuestsOrderJoinsTheVisitorOfTheCookie() {
        String visitor = BrowserContextTest.uuidV7Now();
        String session = BrowserContextTest.uuidV7Now();

        given().header("Cookie", persistence(visitor, session))
                .post("/checkout/ord_cookie?email=jane@example.com")
                .then()
                .statusCode(204);

        PostHogEvent event = posthog.awaitEvents(1, WAIT).get(0);
        assertThat(event.distinctId()).isEqualTo(visitor);
        assertThat(event.properties()).containsEntry("$session_id", session);
    }

    @Test
    void aBrowserThatOptedOutIsNotFollowedEvenByItsHeaders() {
        String visitor = BrowserContextTest.uuidV7Now();

        given().header(
                        "Cookie",
                        persistence(visitor, BrowserContextTest.uuidV7Now()) + "; __ph_opt_in_out_"
                                + FakePostHog.API_KEY + "=0")
                .header("X-POSTHOG-DISTINCT-ID", visitor)
                .post("/checkout/ord_opted_out?email=jane@example.com")
                .then()
                .statusCode(204);

        PostHogEvent event = posthog.awaitEvents(1, WAIT).get(0);
        assertThat(event.distinctId()).isNotEqualTo(visitor);
        assertThat(event.properties()).doesNotContainKey("$session_id");
    }
}
