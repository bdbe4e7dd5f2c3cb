package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.internal.wire.OrderEventWriter;
import io.github.orderanalytics.posthog.internal.wire.WriterPool;
import java.util.Objects;
import java.util.UUID;

/**
 * Maps an order and an identity to the {@code order_placed} PostHog event. The built-in client and
 * the testkit's recording fake both use this class, so tests see exactly what production sends.
 *
 * <pre>{@code
 * PostHogEventMapper mapper = PostHogEventMapper.create(PostHogConfig.builder().build());
 * PostHogEvent event = mapper.orderPlaced(order, Identity.guest("jane@example.com"));
 * }</pre>
 *
 * <p>Identity rules: a customer's id is the {@code distinct_id}; a guest's is {@code "guest_"} and
 * the hex SHA-256 (or HMAC-SHA256 under the configured key) of the normalised email, or the email
 * itself with {@link GuestIdentity#EMAIL}; an anonymous id is used as given. Guest and anonymous
 * events carry {@code $process_person_profile: false}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogEventMapper {
    /** The event name. */
    public static final String ORDER_PLACED = OrderEventWriter.ORDER_PLACED;

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
        return OrderEventWriter.uuid(Objects.requireNonNull(orderId, "orderId == null"));
    }

    /**
     * The event the client sends for {@code order} and {@code identity}: written by the client's own
     * writer and read back, so what you see here is exactly what goes on the wire.
     */
    public PostHogEvent orderPlaced(Order order, Identity identity) {
        return PostHogEvent.fromJson(withWriter(order, identity, OrderEventWriter::toBytes));
    }

    /**
     * The same event as the exact bytes the client sends, with its uuid and time: for keeping it (in
     * an outbox table, say) and sending it later with {@link PostHogOrderAnalytics#sendNow}.
     */
    public EncodedEvent encode(Order order, Identity identity) {
        return withWriter(order, identity, OrderEventWriter::encode);
    }

    private <T> T withWriter(Order order, Identity identity, WriterCall<T> call) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        OrderEventWriter writer = writers.take();
        try {
            return call.write(writer, order, identity);
        } finally {
            writers.giveBack(writer);
        }
    }

    private interface WriterCall<T> {
        T write(OrderEventWriter writer, Order order, Identity identity);
    }
}
