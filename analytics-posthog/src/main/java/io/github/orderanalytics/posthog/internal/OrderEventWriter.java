package io.github.orderanalytics.posthog.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.GuestIdentity;
import io.github.orderanalytics.posthog.PostHogConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the {@code order_placed} event of DESIGN.md §3 straight from the order and identity: the
 * one place that decides what goes on the wire. {@code PostHogEventMapper} parses what this writes,
 * so tests see these bytes. Keeps digests for reuse: one instance serves one thread.
 */
public final class OrderEventWriter {
    public static final String ORDER_PLACED = "order_placed";
    private static final String UUID_NAME_PREFIX = "order-analytics:" + ORDER_PLACED + ":";

    private final GuestIdentity guestIdentity;
    private final GuestIds guestIds;
    private final boolean geoipDisable;
    private final MessageDigest sha1 = NameBasedUuid.sha1();

    private OrderEventWriter(PostHogConfig config) {
        this.guestIdentity = config.guestIdentity();
        this.guestIds = GuestIds.create(config.guestIdKey().orElse(null));
        this.geoipDisable = config.geoipDisable();
    }

    public static OrderEventWriter create(PostHogConfig config) {
        return new OrderEventWriter(config);
    }

    public static UUID uuid(String orderId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, UUID_NAME_PREFIX + orderId);
    }

    /** Writes the event as one JSON object and returns its uuid. */
    public UUID write(Order order, Identity identity, JsonGenerator g) throws IOException {
        UUID uuid = NameBasedUuid.v5(sha1, NameBasedUuid.URL_NAMESPACE, UUID_NAME_PREFIX + order.orderId());
        g.writeStartObject();
        g.writeStringField("event", ORDER_PLACED);
        g.writeStringField("distinct_id", distinctId(identity));
        g.writeStringField("uuid", uuid.toString());
        g.writeStringField("timestamp", order.placedAt().toString());
        g.writeFieldName("properties");
        g.writeStartObject();
        g.writeStringField("order_id", order.orderId());
        Money total = order.total();
        amount(g, "total", total.amount());
        g.writeStringField("currency", total.currencyCode());
        amount(g, "revenue", revenue(order));
        amount(g, "subtotal", order.subtotal());
        amount(g, "tax", order.tax());
        amount(g, "shipping", order.shipping());
        amount(g, "discount", order.discount());
        if (order.coupon().isPresent()) {
            g.writeStringField("coupon", order.coupon().get());
        }
        if (!order.items().isEmpty()) {
            g.writeArrayFieldStart("products");
            for (LineItem item : order.items()) {
                product(g, item);
            }
            g.writeEndArray();
        }
        g.writeStringField("identity_type", identityType(identity.kind()));
        if (identity.kind() != Identity.Kind.CUSTOMER) {
            g.writeBooleanField("$process_person_profile", false);
        }
        if (identity.sessionId().isPresent()) {
            g.writeStringField("$session_id", identity.sessionId().get());
        }
        g.writeStringField("$lib", LibraryVersion.NAME);
        g.writeStringField("$lib_version", LibraryVersion.VERSION);
        if (geoipDisable) {
            g.writeBooleanField("$geoip_disable", true);
        }
        for (Map.Entry<String, Object> e : order.properties().entrySet()) {
            g.writeFieldName(e.getKey());
            EventJson.value(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        return uuid;
    }

    public String distinctId(Identity identity) {
        if (identity.kind() == Identity.Kind.GUEST && guestIdentity == GuestIdentity.HASHED) {
            return guestIds.distinctId(identity.id());
        }
        return identity.id();
    }

    private static void product(JsonGenerator g, LineItem item) throws IOException {
        g.writeStartObject();
        g.writeStringField("product_id", item.productId());
        text(g, "sku", item.sku());
        text(g, "name", item.name());
        text(g, "category", item.category());
        text(g, "brand", item.brand());
        text(g, "variant", item.variant());
        g.writeFieldName("price");
        g.writeNumber(item.price().amount());
        g.writeNumberField("quantity", item.quantity());
        g.writeEndObject();
    }

    /** Total less tax and shipping, as {@link Order#revenue()}, without its validated copy. */
    private static BigDecimal revenue(Order order) {
        BigDecimal revenue = order.total().amount();
        if (order.tax().isPresent()) {
            revenue = revenue.subtract(order.tax().get().amount());
        }
        if (order.shipping().isPresent()) {
            revenue = revenue.subtract(order.shipping().get().amount());
        }
        return revenue;
    }

    private static String identityType(Identity.Kind kind) {
        switch (kind) {
            case CUSTOMER:
                return "customer";
            case GUEST:
                return "guest";
            default:
                return "anonymous";
        }
    }

    private static void amount(JsonGenerator g, String name, BigDecimal amount) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(amount);
    }

    private static void amount(JsonGenerator g, String name, Optional<Money> money) throws IOException {
        if (money.isPresent()) {
            amount(g, name, money.get().amount());
        }
    }

    private static void text(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }
}
