/**
 * The transactional outbox: {@link io.github.orderanalytics.outbox.OutboxOrderAnalytics} writes an
 * order's event in the business transaction, {@link io.github.orderanalytics.outbox.OutboxRelay} sends
 * committed rows afterwards, {@link io.github.orderanalytics.outbox.OutboxAdmin} inspects and repairs.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.outbox;

import org.jspecify.annotations.NullMarked;
