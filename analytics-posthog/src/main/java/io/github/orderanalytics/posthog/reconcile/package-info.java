/**
 * Reconciliation: proof that PostHog stored every order event the shop reported, and the repair of
 * what it lost. A {@code 200} from capture is not a store (PostHog answers it while dropping events
 * over a billing limit); only PostHog's query API tells what was kept.
 *
 * <pre>{@code
 * PostHogReconciler reconciler = PostHogReconciler.create(client);   // the client's config and wire path
 * Reconciliation result = reconciler.check(from, to, expected);       // reads only
 * if (!result.isComplete()) {
 *     reconciler.repair(result);                                      // sends result.missing() again
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.orderanalytics.posthog.reconcile;

import org.jspecify.annotations.NullMarked;
