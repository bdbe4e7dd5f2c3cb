package io.github.orderanalytics.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test a fresh {@link RecordingOrderAnalytics}, as a field or as a parameter.
 *
 * <pre>{@code
 * class CheckoutServiceTest {
 *     @RegisterExtension
 *     final RecordingOrderAnalyticsExtension analytics = new RecordingOrderAnalyticsExtension();
 *
 *     @Test
 *     void reportsTheOrder() {
 *         new CheckoutService(analytics.recording()).placeOrder(cart);
 *         assertThat(analytics.recording()).hasPlacedOrder("ord_1001");
 *     }
 * }
 *
 * @ExtendWith(RecordingOrderAnalyticsExtension.class)
 * class OtherTest {
 *     @Test
 *     void reportsTheOrder(RecordingOrderAnalytics analytics) { ... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RecordingOrderAnalyticsExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RecordingOrderAnalyticsExtension.class);

    private RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();

    /** The recording of the current test. */
    public RecordingOrderAnalytics recording() {
        return recording;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        recording = RecordingOrderAnalytics.create();
        context.getStore(NAMESPACE).put(RecordingOrderAnalytics.class, recording);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RecordingOrderAnalytics.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(RecordingOrderAnalytics.class, k -> recording, RecordingOrderAnalytics.class);
    }
}
