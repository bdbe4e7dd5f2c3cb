package io.github.orderanalytics.posthog.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.EventSettings;
import io.github.orderanalytics.posthog.GuestIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the {@code order_placed} event (README, "The event") straight from the order and identity: the
 * one place that decides what goes on the wire. {@code PostHogEventMapper} parses what this writes,
 * so tests see these bytes. Keeps digests for reuse: one instance serves one thread.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class OrderEventWriter {
    public static final String ORDER_PLACED = "order_placed";
    private static final String UUID_NAME_PREFIX = "order-analytics:" + ORDER_PLACED + ":";

    // Field names encoded once: the generator then copies bytes instead of escaping each name per event.
    private static final SerializedString F_GEOIP_DISABLE = new SerializedString("$geoip_disable");
    private static final SerializedString F_LIB = new SerializedString("$lib");
    private static final SerializedString F_LIB_VERSION = new SerializedString("$lib_version");
    private static final SerializedString F_PROCESS_PERSON_PROFILE = new SerializedString("$process_person_profile");
    private static final SerializedString F_SESSION_ID = new SerializedString("$session_id");
    private static final SerializedString F_BRAND = new SerializedString("brand");
    private static final SerializedString F_CATEGORY = new SerializedString("category");
    private static final SerializedString F_COUPON = new SerializedString("coupon");
    private static final SerializedString F_CURRENCY = new SerializedString("currency");
    private static final SerializedString F_DISCOUNT = new SerializedString("discount");
    private static final SerializedString F_DISTINCT_ID = new SerializedString("distinct_id");
    private static final SerializedString F_EVENT = new SerializedString("event");
    private static final SerializedString F_IDENTITY_TYPE = new SerializedString("identity_type");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_ORDER_ID = new SerializedString("order_id");
    private static final SerializedString F_PRICE = new SerializedString("price");
    private static final SerializedString F_PRODUCT_ID = new SerializedString("product_id");
    private static final SerializedString F_PRODUCTS = new SerializedString("products");
    private static final SerializedString F_PROPERTIES = new SerializedString("properties");
    private static final SerializedString F_QUANTITY = new SerializedString("quantity");
    private static final SerializedString F_REVENUE = new SerializedString("revenue");
    private static final SerializedString F_SHIPPING = new SerializedString("shipping");
    private static final SerializedString F_SKU = new SerializedString("sku");
    private static final SerializedString F_SUBTOTAL = new SerializedString("subtotal");
    private static final SerializedString F_TAX = new SerializedString("tax");
    private static final SerializedString F_TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString F_TOTAL = new SerializedString("total");
    private static final SerializedString F_UUID = new SerializedString("uuid");
    private static final SerializedString F_VARIANT = new SerializedString("variant");

    private final GuestIdentity guestIdentity;
    private final GuestIds guestIds;
    private final boolean geoipDisable;
    private final MessageDigest sha1 = NameBasedUuid.sha1();

    private OrderEventWriter(EventSettings settings) {
        this.guestIdentity = settings.guestIdentity();
        this.guestIds = GuestIds.create(settings.guestIdKey().orElse(null));
        this.geoipDisable = settings.geoipDisable();
    }

    public static OrderEventWriter create(EventSettings settings) {
        return new OrderEventWriter(settings);
    }

    public static UUID uuid(String orderId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, UUID_NAME_PREFIX + orderId);
    }

    /** The event as one JSON object, in a buffer of its own. */
    public byte[] toBytes(Order order, Identity identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = EventJson.generator(out)) {
            write(order, identity, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The event as text with its uuid and time, the uuid hashed once: an outbox writes this in a checkout. */
    public EncodedEvent encode(Order order, Identity identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        UUID uuid;
        try (JsonGenerator g = EventJson.generator(out)) {
            uuid = write(order, identity, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedEvent(uuid, order.placedAt(), out.toString(StandardCharsets.UTF_8));
    }

    /** Writes the event as one JSON object and returns its uuid. */
    public UUID write(Order order, Identity identity, JsonGenerator g) throws IOException {
        UUID uuid = NameBasedUuid.v5(sha1, NameBasedUuid.URL_NAMESPACE, UUID_NAME_PREFIX + order.orderId());
        g.writeStartObject();
        string(g, F_EVENT, ORDER_PLACED);
        string(g, F_DISTINCT_ID, distinctId(identity));
        string(g, F_UUID, uuid.toString());
        string(g, F_TIMESTAMP, order.placedAt().toString());
        g.writeFieldName(F_PROPERTIES);
        g.writeStartObject();
        string(g, F_ORDER_ID, order.orderId());
        Money total = order.total();
        amount(g, F_TOTAL, total.amount());
        string(g, F_CURRENCY, total.currencyCode());
        amount(g, F_REVENUE, revenue(order));
        amount(g, F_SUBTOTAL, order.subtotal());
        amount(g, F_TAX, order.tax());
        amount(g, F_SHIPPING, order.shipping());
        amount(g, F_DISCOUNT, order.discount());
        if (order.coupon().isPresent()) {
            string(g, F_COUPON, order.coupon().get());
        }
        if (!order.items().isEmpty()) {
            g.writeFieldName(F_PRODUCTS);
            g.writeStartArray();
            for (LineItem item : order.items()) {
                product(g, item);
            }
            g.writeEndArray();
        }
        string(g, F_IDENTITY_TYPE, identityType(identity.kind()));
        if (identity.kind() != Identity.Kind.CUSTOMER) {
            g.writeFieldName(F_PROCESS_PERSON_PROFILE);
            g.writeBoolean(false);
        }
        if (identity.sessionId().isPresent()) {
            string(g, F_SESSION_ID, identity.sessionId().get());
        }
        string(g, F_LIB, LibraryVersion.NAME);
        string(g, F_LIB_VERSION, LibraryVersion.VERSION);
        if (geoipDisable) {
            g.writeFieldName(F_GEOIP_DISABLE);
            g.writeBoolean(true);
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
        string(g, F_PRODUCT_ID, item.productId());
        text(g, F_SKU, item.sku());
        text(g, F_NAME, item.name());
        text(g, F_CATEGORY, item.category());
        text(g, F_BRAND, item.brand());
        text(g, F_VARIANT, item.variant());
        g.writeFieldName(F_PRICE);
        g.writeNumber(item.price().amount());
        g.writeFieldName(F_QUANTITY);
        g.writeNumber(item.quantity());
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

    private static void amount(JsonGenerator g, SerializedString name, BigDecimal amount) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(amount);
    }

    private static void amount(JsonGenerator g, SerializedString name, Optional<Money> money) throws IOException {
        if (money.isPresent()) {
            amount(g, name, money.get().amount());
        }
    }

    private static void text(JsonGenerator g, SerializedString name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            string(g, name, value.get());
        }
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }
}
