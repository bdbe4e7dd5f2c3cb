/**
 * Scheduled reconciliation: the job, its lease and its meters.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring.reconcile;

import org.jspecify.annotations.NullMarked;
