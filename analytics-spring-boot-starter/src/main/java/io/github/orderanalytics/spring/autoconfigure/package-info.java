/**
 * The auto-configurations, each with its class and bean conditions.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
