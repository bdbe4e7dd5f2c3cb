/**
 * Order events through a service's own posthog-java client: {@link
 * io.github.orderanalytics.posthogjava.PostHogJavaOrderAnalytics}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.posthogjava;

import org.jspecify.annotations.NullMarked;
