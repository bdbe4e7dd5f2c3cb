package io.github.orderanalytics.spring.testing;

import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsAutoConfiguration;
import io.github.orderanalytics.spring.autoconfigure.OrderAnalyticsTransactionAutoConfiguration;
import io.github.orderanalytics.testkit.FakePostHog;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's tests' application contexts, reporting to a {@link FakePostHog} over HTTP. */
public final class StarterContexts {
    /** The outbox on, its relay off: the rows stay in the table, where the tests count them. */
    public static final String[] OUTBOX_WITHOUT_RELAY = {
        "order-analytics.outbox.enabled=true", "order-analytics.outbox.relay-enabled=false"
    };

    /** The outbox on, its relay polling often, for tests that wait for it. */
    public static final String[] OUTBOX_RELAYING = {
        "order-analytics.posthog.shutdown-timeout=5s",
        "order-analytics.outbox.enabled=true",
        "order-analytics.outbox.poll-interval=20ms"
    };

    private StarterContexts() {}

    /**
     * The client's and the transaction's auto-configurations and {@code more}, with the client's key and
     * host set to {@code posthog}'s.
     */
    public static ApplicationContextRunner reportingTo(FakePostHog posthog, Class<?>... more) {
        Class<?>[] all = Stream.concat(
                        Stream.of(
                                OrderAnalyticsAutoConfiguration.class,
                                OrderAnalyticsTransactionAutoConfiguration.class),
                        Stream.of(more))
                .toArray(Class<?>[]::new);
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(all))
                .withPropertyValues(
                        "order-analytics.posthog.api-key=" + FakePostHog.API_KEY,
                        "order-analytics.posthog.host=" + posthog.host());
    }
}
