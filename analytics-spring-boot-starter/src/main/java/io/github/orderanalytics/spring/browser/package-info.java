/**
 * The browser context of the current request, read from PostHog's cookie and headers; untrusted, never
 * throws.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.spring.browser;

import org.jspecify.annotations.NullMarked;
