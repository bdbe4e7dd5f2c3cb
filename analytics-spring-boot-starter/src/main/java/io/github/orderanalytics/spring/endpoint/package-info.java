/**
 * Actuator endpoints for the outbox and reconciliation (read-only unless access is granted).
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring.endpoint;

import org.jspecify.annotations.NullMarked;
