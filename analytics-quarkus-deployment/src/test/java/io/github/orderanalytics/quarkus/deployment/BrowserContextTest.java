package io.github.orderanalytics.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.testkit.RemoteFakePostHog;
import io.quarkus.test.QuarkusUnitTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * posthog-js's tracing headers on a REST checkout reach the order: a guest's order carries the browser's
 * distinct id and session; a customer keeps the customer id, whatever the browser says.
 */
class BrowserContextTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CheckoutResource.class, DevServicePostHog.class))
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

        given().header("X-POSTHOG-DISTINCT-ID", browser)
                .header("x-posthog-session-id", session)
                .post("/checkout/ord_guest?email=jane@example.com")
                .then()
                .statusCode(204);

        PostHogEvent event = posthog.awaitEvents(1, WAIT).get(0);
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
        given().header("X-POSTHOG-DISTINCT-ID", "cus_someone_else")
                .post("/checkout/ord_forged?email=joe@example.com")
                .then()
                .statusCode(204);

        assertThat(posthog.awaitEvents(1, WAIT).get(0).distinctId()).isNotEqualTo("cus_someone_else");
    }

    /** An id as posthog-js makes them (anonymous visitor, session): a UUIDv7 of this millisecond. */
    static String uuidV7Now() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
