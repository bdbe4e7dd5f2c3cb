package io.github.orderanalytics.posthog.internal;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.DeliveryStats;
import java.time.Duration;

/** What {@code PostHogOrderAnalytics} delegates to: the capture client, or a disabled stand-in. */
public interface Delivery {
    void accept(Order order, Identity identity);

    boolean flush(Duration timeout);

    void close();

    DeliveryStats stats();
}
