package io.github.orderanalytics.posthog.reconcile;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import java.util.Objects;

/**
 * An order event the shop's own records say was reported, with the identity it was reported under:
 * what PostHog must hold. Built from the shop's orders, refunds and cancellations tables, not from
 * anything PostHog said.
 *
 * <pre>{@code
 * ExpectedEvent.of(order, Identity.guest(row.email()).withBrowserDistinctId(row.browserDistinctId()))
 * }</pre>
 *
 * @param event the order, refund or cancellation
 * @param identity the identity it was reported under (the browser id kept with the order included)
 * @since 0.1.0
 */
public record ExpectedEvent(OrderEvent event, Identity identity) {
    public ExpectedEvent {
        Objects.requireNonNull(event, "event == null");
        Objects.requireNonNull(identity, "identity == null");
    }

    /** The event {@code event}, reported under {@code identity}. */
    public static ExpectedEvent of(OrderEvent event, Identity identity) {
        return new ExpectedEvent(event, identity);
    }
}
