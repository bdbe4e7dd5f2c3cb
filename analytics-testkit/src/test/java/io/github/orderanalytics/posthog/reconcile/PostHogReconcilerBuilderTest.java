package io.github.orderanalytics.posthog.reconcile;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.testkit.FakePostHog;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A settings builder records in its setters and checks in {@code build()}, naming the setting and value. */
class PostHogReconcilerBuilderTest {
    private final FakePostHog posthog = FakePostHog.start();
    private final PostHogOrderAnalytics client =
            PostHogOrderAnalytics.create(posthog.clientConfig().build());

    @AfterEach
    void stop() {
        client.close();
        posthog.close();
    }

    @Test
    void eachSettingIsCheckedWhenTheReconcilerIsBuilt() {
        PostHogReconciler.Builder builder = PostHogReconciler.builder(client).pageSize(0);

        assertThatIllegalArgumentException()
                .isThrownBy(builder::build)
                .withMessage("pageSize must be between 1 and 100000, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogReconciler.builder(client)
                        .slice(Duration.ofSeconds(30))
                        .build())
                .withMessage("slice must be at least a minute, was PT30S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostHogReconciler.builder(client)
                        .settle(Duration.ofMinutes(-1))
                        .build())
                .withMessage("settle must not be negative, was PT-1M");
        assertThatNoException()
                .isThrownBy(() -> PostHogReconciler.builder(client).pageSize(1).build());
    }
}
