/**
 * Configuration as text: parsing the environment's values, range checks whose messages name the
 * setting and its variable, and the host check. Depends on no other internal package.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
@NullMarked
package io.github.orderanalytics.posthog.internal.config;

import org.jspecify.annotations.NullMarked;
