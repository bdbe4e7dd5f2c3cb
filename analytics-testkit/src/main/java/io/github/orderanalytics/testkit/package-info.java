/**
 * Test doubles and assertions: {@link io.github.orderanalytics.testkit.RecordingOrderAnalytics} (in
 * memory), {@link io.github.orderanalytics.testkit.FakePostHog} (a real local capture and query
 * endpoint), the AssertJ entry point {@link io.github.orderanalytics.testkit.OrderAnalyticsAssertions}
 * and the JUnit 5 extension.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.testkit;

import org.jspecify.annotations.NullMarked;
