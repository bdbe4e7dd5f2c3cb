package io.github.orderanalytics.quarkus.deployment;

import io.github.orderanalytics.testkit.FakePostHog;
import io.quarkus.deployment.builditem.Startable;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/** A {@link FakePostHog} in this JVM, as Quarkus starts and stops a Dev Service. */
final class FakePostHogService implements Startable {
    private static final Logger log = Logger.getLogger(FakePostHogService.class);

    private @Nullable FakePostHog posthog;

    @Override
    public void start() {
        FakePostHog started = FakePostHog.start();
        posthog = started;
        log.infof(
                "order-analytics Dev Services: FakePostHog at %s, reporting there (events at %s/fake/events);"
                        + " set order-analytics.posthog.api-key to report to PostHog",
                started.host(), started.host());
    }

    /** The fake's address, for {@code order-analytics.posthog.host}. */
    String host() {
        FakePostHog p = posthog;
        if (p == null) {
            throw new IllegalStateException("FakePostHog is not started");
        }
        return p.host();
    }

    @Override
    public String getConnectionInfo() {
        FakePostHog p = posthog;
        return p == null ? "not started" : p.host();
    }

    @Override
    public @Nullable String getContainerId() {
        return null; // in this JVM, not a container
    }

    @Override
    public void close() {
        FakePostHog p = posthog;
        if (p != null) {
            p.close();
            posthog = null;
        }
    }
}
