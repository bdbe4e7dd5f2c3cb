/**
 * Spring test support: a {@code FakePostHog} for a Spring Boot test's application context.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.testkit.spring;

import org.jspecify.annotations.NullMarked;
