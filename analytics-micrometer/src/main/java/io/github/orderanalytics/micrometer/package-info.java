/**
 * Micrometer meters over a client's statistics: {@link
 * io.github.orderanalytics.micrometer.OrderAnalyticsMetrics}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.micrometer;

import org.jspecify.annotations.NullMarked;
