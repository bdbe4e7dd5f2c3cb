/**
 * Configuration as text: parsing the environment's values, range checks whose messages name the
 * setting and its variable, and the host check. Depends on no other internal package.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
package io.github.orderanalytics.posthog.internal.config;
