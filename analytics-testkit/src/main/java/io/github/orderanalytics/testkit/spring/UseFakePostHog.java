package io.github.orderanalytics.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the real order-analytics client of a Spring test at a {@link
 * io.github.orderanalytics.testkit.FakePostHog}: the fake starts with the application context, is a
 * bean to inject, and sets {@code order-analytics.posthog.host} and {@code api-key} (and the query
 * settings {@code personal-api-key}, {@code project-id} and {@code app-host}, for reconciliation) over
 * anything the application configured. Before each test method, clients are flushed and the fake is reset.
 *
 * <pre>{@code
 * @SpringBootTest
 * @UseFakePostHog
 * class CheckoutDeliveryTest {
 *     @Autowired CheckoutService checkout;
 *     @Autowired FakePostHog posthog;
 *
 *     @Test
 *     void sendsThePlacedOrder() {
 *         checkout.place(cart);
 *         posthog.awaitEvents(1, Duration.ofSeconds(5));
 *         assertThat(posthog).receivedOnly("ord_1001").hasNoViolations();
 *     }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseFakePostHog {}
