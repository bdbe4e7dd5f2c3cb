/**
 * The event on the wire: the writer that makes an order's PostHog event, its JSON, guest ids,
 * name-based uuids and the library's name and version. Depends on no other internal package.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
@NullMarked
package io.github.orderanalytics.posthog.internal.wire;

import org.jspecify.annotations.NullMarked;
