package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link FakePostHog} per test class and hands out a {@link PostHogOrderAnalytics} pointed at
 * it: the fake is reset before each test, the client closed after it, the fake stopped after the class.
 *
 * <pre>{@code
 * class DeliveryTest {
 *     @RegisterExtension
 *     static final FakePostHogExtension posthog = new FakePostHogExtension();
 *
 *     @Test
 *     void delivers(PostHogOrderAnalytics analytics, FakePostHog fake) {
 *         analytics.orderPlaced(order, Identity.customer("cus_42"));
 *         fake.awaitEvents(1, Duration.ofSeconds(5));
 *     }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FakePostHogExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakePostHogExtension.class);

    private final UnaryOperator<PostHogConfigBuilder> configure;
    private @Nullable FakePostHog fake;

    /** Clients use {@link FakePostHog#clientConfig()} as it is. */
    public FakePostHogExtension() {
        this(UnaryOperator.identity());
    }

    /** Clients use {@link FakePostHog#clientConfig()} as {@code configure} changes it. */
    public FakePostHogExtension(UnaryOperator<PostHogConfigBuilder> configure) {
        this.configure = configure;
    }

    /** The fake of the current test class. */
    public FakePostHog fake() {
        if (fake == null) {
            throw new IllegalStateException("FakePostHogExtension must be registered on a static field");
        }
        return fake;
    }

    /** A client pointed at the fake, closed after the current test. */
    public PostHogOrderAnalytics client(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        PostHogOrderAnalytics.class,
                        k -> PostHogOrderAnalytics.create(
                                configure.apply(fake().clientConfig()).build()),
                        PostHogOrderAnalytics.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fake = FakePostHog.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fake().reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PostHogOrderAnalytics client =
                context.getStore(NAMESPACE).remove(PostHogOrderAnalytics.class, PostHogOrderAnalytics.class);
        if (client != null) {
            client.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FakePostHog.class || type == PostHogOrderAnalytics.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakePostHog.class ? fake() : client(context);
    }
}
