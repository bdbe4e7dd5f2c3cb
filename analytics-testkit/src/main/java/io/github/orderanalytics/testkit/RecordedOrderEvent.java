package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.PostHogEvent;

/**
 * One {@code orderPlaced} call that {@link RecordingOrderAnalytics} saw.
 *
 * @param order the order as given
 * @param identity the identity as given
 * @param event the PostHog event the production mapper makes of them
 * @since 0.1.0
 */
public record RecordedOrderEvent(Order order, Identity identity, PostHogEvent event) {}
