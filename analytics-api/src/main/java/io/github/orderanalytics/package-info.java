/**
 * The order-analytics API: {@link io.github.orderanalytics.OrderAnalytics}, the port a service reports
 * its orders through, and the immutable values it takes ({@link io.github.orderanalytics.Order}, {@link
 * io.github.orderanalytics.Money}, {@link io.github.orderanalytics.Identity} and the rest). Nothing in
 * this package takes or returns null unless it is marked {@code @Nullable}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics;

import org.jspecify.annotations.NullMarked;
