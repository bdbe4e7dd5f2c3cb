package io.github.orderanalytics.testkit.spring;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.time.Duration;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Gives each test method of an annotated class a clean slate in a context that test classes share:
 * an empty recording, or a reset {@link FakePostHog} after the clients delivered what earlier tests
 * left in flight. Registered in {@code META-INF/spring.factories}.
 */
final class OrderAnalyticsTestExecutionListener extends AbstractTestExecutionListener {
    private static final Duration FLUSH = Duration.ofSeconds(10);

    @Override
    public void beforeTestMethod(TestContext testContext) {
        Class<?> testClass = testContext.getTestClass();
        if (TestContextAnnotationUtils.hasAnnotation(testClass, UseRecordingOrderAnalytics.class)) {
            testContext
                    .getApplicationContext()
                    .getBeansOfType(RecordingOrderAnalytics.class)
                    .values()
                    .forEach(RecordingOrderAnalytics::reset);
        }
        if (TestContextAnnotationUtils.hasAnnotation(testClass, UseFakePostHog.class)) {
            ApplicationContext context = testContext.getApplicationContext();
            context.getBeansOfType(PostHogOrderAnalytics.class).values().forEach(client -> client.flush(FLUSH));
            context.getBeansOfType(FakePostHog.class).values().forEach(FakePostHog::reset);
        }
    }
}
