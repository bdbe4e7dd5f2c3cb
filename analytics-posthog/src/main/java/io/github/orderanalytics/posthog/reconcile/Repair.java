package io.github.orderanalytics.posthog.reconcile;

/**
 * What a repair did: how many missing events PostHog acknowledged when they were sent again, and how
 * many it refused for good (a 400 for that event alone). Events neither resent nor refused (PostHog
 * unreachable) are still missing: the next check finds them again.
 *
 * @param resent events PostHog answered with a 2xx
 * @param refused events PostHog refused
 * @since 0.1.0
 */
public record Repair(int resent, int refused) {
    public Repair {
        if (resent < 0 || refused < 0) {
            throw new IllegalArgumentException("resent and refused must not be negative: " + resent + ", " + refused);
        }
    }
}
