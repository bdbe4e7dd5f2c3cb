package io.github.orderanalytics.examples.checkout;

import io.github.orderanalytics.testkit.spring.UseFakePostHog;
import org.springframework.boot.test.context.SpringBootTest;

/** The browser checkout with the starter's default: the order reported after commit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BrowserCheckoutContract.STATIC_LOCATIONS, "order-analytics.posthog.link-browser-to-customer=true"
        })
@UseFakePostHog
class BrowserCheckoutTest extends BrowserCheckoutContract {}
