/**
 * Order events to PostHog: {@link io.github.orderanalytics.posthog.PostHogOrderAnalytics}, its {@link
 * io.github.orderanalytics.posthog.PostHogConfig}, the event mapper and the client's statistics.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.posthog;

import org.jspecify.annotations.NullMarked;
