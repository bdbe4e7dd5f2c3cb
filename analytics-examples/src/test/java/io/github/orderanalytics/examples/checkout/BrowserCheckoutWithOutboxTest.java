package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import org.springframework.boot.test.context.SpringBootTest;

/** The browser checkout through the outbox: the row written in the order's transaction carries the browser. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            BrowserCheckoutContract.STATIC_LOCATIONS,
            "order-analytics.posthog.link-browser-to-customer=true",
            "order-analytics.outbox.enabled=true",
            "order-analytics.outbox.poll-interval=50ms"
        })
@UseFakePostHog
class BrowserCheckoutWithOutboxTest extends BrowserCheckoutContract {}
