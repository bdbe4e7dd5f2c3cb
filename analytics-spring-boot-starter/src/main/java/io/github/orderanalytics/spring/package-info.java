/**
 * Spring Boot support: the configuration properties, the after-commit wrapper and the events a
 * service can publish instead of calling the client.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring;

import org.jspecify.annotations.NullMarked;
