package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import java.util.UUID;

/**
 * Observes what becomes of each event: for metrics, alerts, or a fallback of your own (an outbox
 * table for dropped orders, say).
 *
 * <pre>{@code
 * PostHogConfig config = PostHogConfig.builder()
 *         .apiKey(key)
 *         .deliveryListener(new DeliveryListener() {
 *             public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {
 *                 dropped.increment(event.kind(), reason);   // an Order, a Refund or a Cancellation
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>Every accepted event is reported exactly once, as delivered or as dropped. Calls come from the
 * client's sender threads, or from the caller of {@code orderPlaced} (or of {@code orderRefunded},
 * {@code orderCancelled}) for drops at the call
 * ({@link DropReason#QUEUE_FULL}, {@link DropReason#CLOSED}, {@link DropReason#DISABLED}): keep
 * them short and non-blocking. An exception thrown here is logged and otherwise ignored.
 *
 * <p>As each call is handed the event and identity, a client with a listener keeps them in memory
 * until the event is settled; without one, events that wait for PostHog are kept as their JSON
 * alone, which is lighter for the garbage collector during an outage.
 *
 * @since 0.1.0
 */
public interface DeliveryListener {

    /** PostHog acknowledged the event. */
    default void onDelivered(OrderEvent event, Identity identity, UUID uuid) {}

    /** The event will not be delivered, for {@code reason}. */
    default void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {}
}
