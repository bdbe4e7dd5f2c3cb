package io.github.orderanalytics.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Replaces the order-analytics client in a Spring test's application context with a
 * {@link io.github.orderanalytics.testkit.RecordingOrderAnalytics}, emptied before each test method.
 *
 * <pre>{@code
 * @SpringBootTest
 * @UseRecordingOrderAnalytics
 * class CheckoutTest {
 *     @Autowired CheckoutService checkout;
 *     @Autowired RecordingOrderAnalytics analytics;
 *
 *     @Test
 *     void reportsThePlacedOrder() {
 *         checkout.place(cart);
 *         assertThat(analytics).hasPlacedOnly("ord_1001");
 *     }
 * }
 * }</pre>
 *
 * <p>With the Spring Boot starter, the recording takes the place of the PostHog client: the injected
 * {@code OrderAnalytics} still reports after commit and never on rollback, so a test sees what
 * production would send. An {@code OrderAnalytics} bean the application defines itself stays.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface UseRecordingOrderAnalytics {}
