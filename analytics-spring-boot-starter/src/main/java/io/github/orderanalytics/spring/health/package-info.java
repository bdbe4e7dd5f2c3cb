/**
 * Health indicators for delivery and the outbox.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring.health;

import org.jspecify.annotations.NullMarked;
