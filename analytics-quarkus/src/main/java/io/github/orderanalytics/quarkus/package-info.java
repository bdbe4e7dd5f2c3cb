/**
 * order-analytics for Quarkus: the {@code OrderAnalytics} bean, reporting after the JTA transaction
 * commits (or writing to the outbox on it), configured by {@code order-analytics.*}
 * ({@link io.github.orderanalytics.quarkus.OrderAnalyticsConfig}).
 */
@NullMarked
package io.github.orderanalytics.quarkus;

import org.jspecify.annotations.NullMarked;
