package io.github.orderanalytics.testkit;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.PostHogEvent;

/**
 * One call that {@link RecordingOrderAnalytics} saw: {@code orderPlaced}, {@code orderRefunded} or
 * {@code orderCancelled}.
 *
 * @param reported what was reported as given: an {@code Order}, a {@code Refund} or a {@code Cancellation}
 * @param identity the identity as given
 * @param event the PostHog event the production mapper makes of them
 * @since 0.1.0
 */
public record RecordedOrderEvent(OrderEvent reported, Identity identity, PostHogEvent event) {}
