/**
 * The capture client's pipeline: the bounded queue callers hand events to, the batcher, the sender
 * threads with their retry policy, the HTTP transport, and the ledger that settles every event once.
 * See {@code docs/architecture.md}.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
@NullMarked
package io.github.orderanalytics.posthog.internal.pipeline;

import org.jspecify.annotations.NullMarked;
