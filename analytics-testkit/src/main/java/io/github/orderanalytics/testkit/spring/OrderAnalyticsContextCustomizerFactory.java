package io.github.orderanalytics.testkit.spring;

import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
    /** Where the starter writes the name of the bean its after-commit {@code OrderAnalytics} wraps. */
    private static final String STARTER =
            "io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsAutoConfiguration";

    /**
     * The recording's bean name: the starter's client bean name, read from the starter (the one place
     * it is written; the starter cannot be a dependency of the testkit, whose tests it uses), so the
     * recording takes the client's place behind the after-commit bean, as in production. Without the
     * starter nothing wraps a bean by name, and the recording goes by a name of its own.
     */
    static final String CLIENT_BEAN = clientBeanName();

    static final String FAKE_POSTHOG_BEAN = "fakePostHog";

    private static String clientBeanName() {
        try {
            Class<?> starter =
                    Class.forName(STARTER, true, OrderAnalyticsContextCustomizerFactory.class.getClassLoader());
            return (String) starter.getField("CLIENT_BEAN").get(null);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return "recordingOrderAnalytics";
        }
    }

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
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
                                    FakePostHog.API_KEY,
                                    // its query API too, so a reconciliation checks what the fake stored
                                    "order-analytics.posthog.personal-api-key",
                                    FakePostHog.PERSONAL_API_KEY,
                                    "order-analytics.posthog.project-id",
                                    FakePostHog.PROJECT_ID,
                                    "order-analytics.posthog.app-host",
                                    posthog.host())));
            // Registered before any other bean, so destroyed after them all: a client closing with
            // the context still has somewhere to deliver what it holds.
            RootBeanDefinition definition = new RootBeanDefinition(FakePostHog.class, () -> posthog);
            definition.setDestroyMethodName("close");
            registry(context).registerBeanDefinition(FAKE_POSTHOG_BEAN, definition);
        }
    }
}
