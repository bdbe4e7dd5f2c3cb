package io.github.orderanalytics.testkit.spring;

import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Acts on {@link UseRecordingOrderAnalytics} and {@link UseFakePostHog}; registered in
 * {@code META-INF/spring.factories}, so the annotations are all a test needs. The customizers are
 * records: equal customizers let Spring's test context cache share one context between test classes.
 */
final class OrderAnalyticsContextCustomizerFactory implements ContextCustomizerFactory {
    /**
     * The name the Spring Boot starter wraps in its after-commit {@code OrderAnalytics}
     * ({@code OrderAnalyticsAutoConfiguration.CLIENT}); taking it keeps that behaviour in tests.
     */
    static final String CLIENT_BEAN = "orderAnalyticsClient";

    static final String FAKE_POSTHOG_BEAN = "fakePostHog";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean recording = TestContextAnnotationUtils.hasAnnotation(testClass, UseRecordingOrderAnalytics.class);
        boolean fake = TestContextAnnotationUtils.hasAnnotation(testClass, UseFakePostHog.class);
        if (recording && fake) {
            throw new IllegalStateException(testClass.getName()
                    + " has both @UseRecordingOrderAnalytics and @UseFakePostHog: the recording replaces the"
                    + " client that would send to FakePostHog, so choose one");
        }
        if (recording) {
            return new Recording();
        }
        return fake ? new Fake() : null;
    }

    private static BeanDefinitionRegistry registry(ConfigurableApplicationContext context) {
        if (context instanceof BeanDefinitionRegistry registry) {
            return registry;
        }
        return (BeanDefinitionRegistry) context.getBeanFactory();
    }

    record Recording() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            registry(context)
                    .registerBeanDefinition(
                            CLIENT_BEAN,
                            new RootBeanDefinition(RecordingOrderAnalytics.class, RecordingOrderAnalytics::create));
        }
    }

    record Fake() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            FakePostHog posthog = FakePostHog.start();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            FAKE_POSTHOG_BEAN,
                            Map.of(
                                    "order-analytics.posthog.host",
                                    posthog.host(),
                                    "order-analytics.posthog.api-key",
                                    FakePostHog.API_KEY)));
            // Registered before any other bean, so destroyed after them all: a client closing with
            // the context still has somewhere to deliver what it holds.
            RootBeanDefinition definition = new RootBeanDefinition(FakePostHog.class, () -> posthog);
            definition.setDestroyMethodName("close");
            registry(context).registerBeanDefinition(FAKE_POSTHOG_BEAN, definition);
        }
    }
}
