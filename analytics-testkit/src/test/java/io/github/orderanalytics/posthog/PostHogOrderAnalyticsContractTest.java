package io.github.orderanalytics.posthog;

import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHogExtension;
import io.github.orderanalytics.testkit.PostHogOrderAnalyticsContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built-in client honours the contract, over real HTTP to FakePostHog. */
class PostHogOrderAnalyticsContractTest extends PostHogOrderAnalyticsContract {
    @RegisterExtension
    static final FakePostHogExtension posthog = new FakePostHogExtension();

    private PostHogOrderAnalytics client;

    @Override
    protected OrderAnalytics analytics() {
        client = PostHogOrderAnalytics.create(posthog.fake().clientConfig().build());
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    protected List<PostHogEvent> awaitReported(int count, Duration timeout) {
        return posthog.fake().awaitEvents(count, timeout);
    }

    @Override
    protected void breakDelivery() {
        posthog.fake().refuseConnections();
    }
}
