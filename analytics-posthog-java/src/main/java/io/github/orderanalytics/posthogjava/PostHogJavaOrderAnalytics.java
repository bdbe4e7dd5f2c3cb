package io.github.orderanalytics.posthogjava;

import com.posthog.java.PostHog;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.util.Objects;

/**
 * {@link OrderAnalytics} on top of a {@code com.posthog.java.PostHog} client the service already
 * owns, so order events share its queue and connection.
 *
 * <pre>{@code
 * PostHog posthog = new PostHog.Builder(apiKey).host(host).build();   // yours, as before
 * OrderAnalytics analytics = PostHogJavaOrderAnalytics.create(posthog);
 * analytics.orderPlaced(order, Identity.customer("cus_42"));
 * }</pre>
 *
 * <p>The properties, distinct id and identity rules are those of the built-in client. What
 * posthog-java cannot do, this cannot either: it sets a random uuid and the time of the call as the
 * timestamp, so a redelivered order is counted twice and a late one lands on the wrong day; its queue
 * has no bound; its {@code shutdown()} has no deadline; it drops events after three failed retries
 * without telling. Prefer {@code PostHogOrderAnalytics} unless one shared client matters more.
 * Thread-safe as the client is; mapping runs on the calling thread.
 *
 * @since 0.1.0
 */
public final class PostHogJavaOrderAnalytics implements OrderAnalytics {
    private final PostHog posthog;
    private final PostHogEventMapper mapper;

    private PostHogJavaOrderAnalytics(PostHog posthog, PostHogEventMapper mapper) {
        this.posthog = posthog;
        this.mapper = mapper;
    }

    /** Sends through {@code posthog} with the default mapping (hashed guest ids, geo-IP disabled). */
    public static PostHogJavaOrderAnalytics create(PostHog posthog) {
        return create(posthog, PostHogConfig.builder().build());
    }

    /**
     * Sends through {@code posthog}, mapping with the identity and geo-IP settings of {@code mapping}
     * (its API key, host and delivery settings are not used: the client has its own).
     */
    public static PostHogJavaOrderAnalytics create(PostHog posthog, PostHogConfig mapping) {
        Objects.requireNonNull(posthog, "posthog == null");
        Objects.requireNonNull(mapping, "mapping == null");
        return new PostHogJavaOrderAnalytics(posthog, PostHogEventMapper.create(mapping));
    }

    @Override
    public void orderPlaced(Order order, Identity identity) {
        capture(mapper.orderPlaced(order, identity));
    }

    @Override
    public void orderRefunded(Refund refund, Identity identity) {
        capture(mapper.orderRefunded(refund, identity));
    }

    @Override
    public void orderCancelled(Cancellation cancellation, Identity identity) {
        capture(mapper.orderCancelled(cancellation, identity));
    }

    private void capture(PostHogEvent event) {
        try {
            posthog.capture(event.distinctId(), event.event(), event.properties());
        } catch (RuntimeException e) {
            // posthog-java queues without I/O on this thread; anything thrown here is its bug, not the caller's.
            org.slf4j.LoggerFactory.getLogger("io.github.orderanalytics.posthog")
                    .warn("posthog-java failed to queue an {} event; dropped it", event.event(), e);
        }
    }

    @Override
    public String toString() {
        return "PostHogJavaOrderAnalytics{" + posthog + "}";
    }
}
