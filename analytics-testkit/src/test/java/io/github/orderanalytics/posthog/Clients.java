package io.github.orderanalytics.posthog;

import io.github.orderanalytics.testkit.FakePostHog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A FakePostHog for one test, and every client the test made, closed together after it. */
final class Clients implements AutoCloseable {
    final FakePostHog posthog = FakePostHog.start();
    private final List<PostHogOrderAnalytics> created = new ArrayList<>();

    PostHogOrderAnalytics create(PostHogConfigBuilder config) {
        return track(PostHogOrderAnalytics.create(config.build()));
    }

    PostHogOrderAnalytics track(PostHogOrderAnalytics client) {
        created.add(client);
        return client;
    }

    /** How long {@code analytics.close()} took: the caller's wait at shutdown. */
    static Duration timeToClose(PostHogOrderAnalytics analytics) {
        Instant start = Instant.now();
        analytics.close();
        return Duration.between(start, Instant.now());
    }

    @Override
    public void close() {
        created.forEach(PostHogOrderAnalytics::close);
        posthog.close();
    }
}
