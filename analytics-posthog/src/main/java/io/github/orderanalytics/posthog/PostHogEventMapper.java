package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import io.github.orderanalytics.posthog.internal.wire.WriterPool;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Maps an order event and an identity to the PostHog event the client sends: {@code order_placed},
 * {@code order_refunded} or {@code order_cancelled}. The built-in client, the outbox and the
 * testkit's recording fake all use this class, so tests see exactly what production sends.
 *
 * <pre>{@code
 * PostHogEventMapper mapper = PostHogEventMapper.create(PostHogConfig.builder().build());
 * PostHogEvent placed = mapper.orderPlaced(order, Identity.guest("jane@example.com"));
 * PostHogEvent refunded = mapper.event(refund, Identity.guest("jane@example.com"));   // any kind
 * }</pre>
 *
 * <p>Identity rules: a customer's id is the {@code distinct_id}; a guest's is {@code "guest_"} and
 * the hex SHA-256 (or HMAC-SHA256 under the configured key) of the normalised email, or the email
 * itself with {@link GuestIdentity#EMAIL}; an anonymous id is used as given. Guest and anonymous
 * events carry {@code $process_person_profile: false}.
 *
 * <p>With a {@linkplain io.github.orderanalytics.BrowserContext browser} on the identity, a guest's
 * order goes under the browser's anonymous visitor id (its guest id in {@code guest_id}), and every
 * kind carries the browser's {@code $session_id} and {@code $window_id} when the session could hold
 * the event (a UUIDv7 started at most 24 hours before). A customer keeps the customer id, whatever the
 * browser says. The README's "Conversion funnels" has the table. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogEventMapper {
    /** The name of the event of a placed order. */
    public static final String ORDER_PLACED = OrderEvent.Kind.PLACED.eventName();
    /** The name of the event of a refund. */
    public static final String ORDER_REFUNDED = OrderEvent.Kind.REFUNDED.eventName();
    /** The name of the event of a cancellation. */
    public static final String ORDER_CANCELLED = OrderEvent.Kind.CANCELLED.eventName();

    /**
     * Writers keep their digests, and getting a digest costs more than hashing; the posthog-java
     * adapter maps on the caller's thread, so this is on a checkout's path. A pool rather than a
     * ThreadLocal: nothing may stay behind on a web container's recycled threads.
     */
    private final WriterPool writers;

    private PostHogEventMapper(PostHogConfig config) {
        this.writers = new WriterPool(config.event());
    }

    /** A mapper with the identity and geo-IP settings of {@code config}. */
    public static PostHogEventMapper create(PostHogConfig config) {
        return new PostHogEventMapper(Objects.requireNonNull(config, "config == null"));
    }

    /**
     * The uuid of the {@code order_placed} event of {@code orderId}: a version-5 UUID in the URL
     * namespace of {@code "order-analytics:order_placed:" + orderId}. The same order always has
     * the same uuid, so PostHog collapses a redelivered event.
     */
    public static UUID orderPlacedUuid(String orderId) {
        return OrderEventWriter.placedUuid(Objects.requireNonNull(orderId, "orderId == null"));
    }

    /**
     * The uuid of the {@code order_refunded} event of one refund: version 5 of
     * {@code "order-analytics:order_refunded:" + orderId + ":" + refundId}.
     */
    public static UUID orderRefundedUuid(String orderId, String refundId) {
        return OrderEventWriter.refundedUuid(
                Objects.requireNonNull(orderId, "orderId == null"),
                Objects.requireNonNull(refundId, "refundId == null"));
    }

    /** The uuid of the {@code order_cancelled} event of {@code orderId}: version 5 of {@code "order-analytics:order_cancelled:" + orderId}. */
    public static UUID orderCancelledUuid(String orderId) {
        return OrderEventWriter.cancelledUuid(Objects.requireNonNull(orderId, "orderId == null"));
    }

    /**
     * The uuid of the {@code $identify} that goes with a customer's order with {@code
     * linkBrowserToCustomer}: version 5 of {@code "order-analytics:$identify:" + orderId}.
     */
    public static UUID identifyUuid(String orderId) {
        return OrderEventWriter.identifyUuid(Objects.requireNonNull(orderId, "orderId == null"));
    }

    /** The uuid of {@code event}'s PostHog event, whatever its kind. */
    public static UUID uuid(OrderEvent event) {
        return OrderEventWriter.uuid(Objects.requireNonNull(event, "event == null"));
    }

    /**
     * The event the client sends for {@code order} and {@code identity}: written by the client's own
     * writer and read back, so what you see here is exactly what goes on the wire.
     */
    public PostHogEvent orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        return event(order, identity);
    }

    /** The {@code order_refunded} event the client sends, as {@link #orderPlaced} does for an order. */
    public PostHogEvent orderRefunded(Refund refund, Identity identity) {
        Objects.requireNonNull(refund, "refund == null");
        return event(refund, identity);
    }

    /** The {@code order_cancelled} event the client sends, as {@link #orderPlaced} does for an order. */
    public PostHogEvent orderCancelled(Cancellation cancellation, Identity identity) {
        Objects.requireNonNull(cancellation, "cancellation == null");
        return event(cancellation, identity);
    }

    /** The event the client sends for an order event of any kind. */
    public PostHogEvent event(OrderEvent event, Identity identity) {
        return PostHogEvent.fromJson(withWriter(event, identity, OrderEventWriter::toBytes));
    }

    /**
     * Every event the client sends for {@code event}: the event itself last, after the {@code $identify}
     * that goes with a customer's order from an anonymous browser when {@code linkBrowserToCustomer} is on.
     */
    public List<PostHogEvent> events(OrderEvent event, Identity identity) {
        return withWriter(event, identity, (writer, e, i) -> {
            PostHogEvent main = PostHogEvent.fromJson(writer.toBytes(e, i));
            return writer.identifyBytes(e, i)
                    .map(identify -> List.of(PostHogEvent.fromJson(identify), main))
                    .orElse(List.of(main));
        });
    }

    /**
     * The {@code distinct_id} the client sends {@code event} under for {@code identity}: the customer id,
     * the browser's anonymous visitor, or the guest id (README, "Identities", "Conversion funnels").
     * Cheaper than {@link #event} when only the person matters.
     */
    public String distinctId(OrderEvent event, Identity identity) {
        return withWriter(event, identity, OrderEventWriter::distinctId);
    }

    /**
     * The same event as the exact bytes the client sends, with its uuid and time: for keeping it (in
     * an outbox table, say) and sending it later with {@link PostHogOrderAnalytics#sendNow}.
     */
    public EncodedEvent encode(OrderEvent event, Identity identity) {
        return withWriter(event, identity, OrderEventWriter::encode);
    }

    private <T> T withWriter(OrderEvent event, Identity identity, WriterCall<T> call) {
        Objects.requireNonNull(event, "event == null");
        Objects.requireNonNull(identity, "identity == null");
        OrderEventWriter writer = writers.take();
        try {
            return call.write(writer, event, identity);
        } finally {
            writers.giveBack(writer);
        }
    }

    private interface WriterCall<T> {
        T write(OrderEventWriter writer, OrderEvent event, Identity identity);
    }
}
