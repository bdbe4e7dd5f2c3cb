/**
 * Helpers of the starter's auto-configurations.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
@NullMarked
package io.github.orderanalytics.spring.internal;

import org.jspecify.annotations.NullMarked;
