package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.internal.GuestIds;
import io.github.orderanalytics.posthog.internal.LibraryVersion;
import io.github.orderanalytics.posthog.internal.NameBasedUuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    public static final String ORDER_PLACED = "order_placed";

    private static final String UUID_NAME_PREFIX = "order-analytics:" + ORDER_PLACED + ":";

    private final GuestIdentity guestIdentity;
    private final GuestIds guestIds;
    private final boolean geoipDisable;

    private PostHogEventMapper(PostHogConfig config) {
        this.guestIdentity = config.guestIdentity();
        this.guestIds = GuestIds.create(config.guestIdKey().orElse(null));
        this.geoipDisable = config.geoipDisable();
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
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, UUID_NAME_PREFIX + Objects.requireNonNull(orderId, "orderId == null"));
    }

    public PostHogEvent orderPlaced(Order order, Identity identity) {
        Objects.requireNonNull(order, "order == null");
        Objects.requireNonNull(identity, "identity == null");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order_id", order.orderId());
        p.put("total", order.total().amount());
        p.put("currency", order.total().currencyCode());
        p.put("revenue", order.revenue().amount());
        order.subtotal().ifPresent(m -> p.put("subtotal", m.amount()));
        order.tax().ifPresent(m -> p.put("tax", m.amount()));
        order.shipping().ifPresent(m -> p.put("shipping", m.amount()));
        order.discount().ifPresent(m -> p.put("discount", m.amount()));
        order.coupon().ifPresent(c -> p.put("coupon", c));
        if (!order.items().isEmpty()) {
            p.put("products", products(order.items()));
        }
        p.put("identity_type", identity.kind().name().toLowerCase(Locale.ROOT));
        if (identity.kind() != Identity.Kind.CUSTOMER) {
            p.put("$process_person_profile", false);
        }
        identity.sessionId().ifPresent(s -> p.put("$session_id", s));
        p.put("$lib", LibraryVersion.NAME);
        p.put("$lib_version", LibraryVersion.VERSION);
        if (geoipDisable) {
            p.put("$geoip_disable", true);
        }
        p.putAll(order.properties());
        return new PostHogEvent(ORDER_PLACED, distinctId(identity), orderPlacedUuid(order.orderId()),
                order.placedAt(), Collections.unmodifiableMap(p));
    }

    private String distinctId(Identity identity) {
        switch (identity.kind()) {
            case GUEST:
                return guestIdentity == GuestIdentity.EMAIL ? identity.id() : guestIds.distinctId(identity.id());
            case CUSTOMER:
            case ANONYMOUS:
            default:
                return identity.id();
        }
    }

    private static List<Object> products(List<LineItem> items) {
        List<Object> products = new ArrayList<>(items.size());
        for (LineItem item : items) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("product_id", item.productId());
            item.sku().ifPresent(v -> p.put("sku", v));
            item.name().ifPresent(v -> p.put("name", v));
            item.category().ifPresent(v -> p.put("category", v));
            item.brand().ifPresent(v -> p.put("brand", v));
            item.variant().ifPresent(v -> p.put("variant", v));
            p.put("price", item.price().amount());
            p.put("quantity", item.quantity());
            products.add(Collections.unmodifiableMap(p));
        }
        return Collections.unmodifiableList(products);
    }
}
