package io.github.orderanalytics.posthog.internal.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.EventSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the event of each kind of order event (README, "The events") straight from it and the
 * identity: with {@link IdentityFields} (what the identity and its browser add), the one place that
 * decides what goes on the wire. {@code PostHogEventMapper} parses what this writes, so tests see these
 * bytes. Keeps digests for reuse: one instance serves one thread.
 *
 * <p>Internal: not for users of order-analytics; it may change or go away in any release.
 */
public final class OrderEventWriter {
    private static final String UUID_NAME_PREFIX = "order-analytics:";
    private static final String PLACED_UUID_PREFIX = UUID_NAME_PREFIX + OrderEvent.Kind.PLACED.eventName() + ":";
    private static final String REFUNDED_UUID_PREFIX = UUID_NAME_PREFIX + OrderEvent.Kind.REFUNDED.eventName() + ":";
    private static final String CANCELLED_UUID_PREFIX = UUID_NAME_PREFIX + OrderEvent.Kind.CANCELLED.eventName() + ":";
    private static final String IDENTIFY = "$identify";
    private static final String IDENTIFY_UUID_PREFIX = UUID_NAME_PREFIX + IDENTIFY + ":";

    // Field names encoded once: the generator then copies bytes instead of escaping each name per event.
    private static final SerializedString F_GEOIP_DISABLE = new SerializedString("$geoip_disable");
    private static final SerializedString F_LIB = new SerializedString("$lib");
    private static final SerializedString F_LIB_VERSION = new SerializedString("$lib_version");
    private static final SerializedString F_ANON_DISTINCT_ID = new SerializedString("$anon_distinct_id");
    private static final SerializedString F_AFFILIATION = new SerializedString("affiliation");
    private static final SerializedString F_BRAND = new SerializedString("brand");
    private static final SerializedString F_CATEGORY = new SerializedString("category");
    private static final SerializedString F_CHECKOUT_ID = new SerializedString("checkout_id");
    private static final SerializedString F_COUPON = new SerializedString("coupon");
    private static final SerializedString F_CURRENCY = new SerializedString("currency");
    private static final SerializedString F_DISCOUNT = new SerializedString("discount");
    private static final SerializedString F_DISTINCT_ID = new SerializedString("distinct_id");
    private static final SerializedString F_EVENT = new SerializedString("event");
    private static final SerializedString F_IMAGE_URL = new SerializedString("image_url");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_ORDER_ID = new SerializedString("order_id");
    private static final SerializedString F_POSITION = new SerializedString("position");
    private static final SerializedString F_PRICE = new SerializedString("price");
    private static final SerializedString F_PRODUCT_ID = new SerializedString("product_id");
    private static final SerializedString F_PRODUCTS = new SerializedString("products");
    private static final SerializedString F_PROPERTIES = new SerializedString("properties");
    private static final SerializedString F_QUANTITY = new SerializedString("quantity");
    private static final SerializedString F_REASON = new SerializedString("reason");
    private static final SerializedString F_REFUND_ID = new SerializedString("refund_id");
    private static final SerializedString F_REVENUE = new SerializedString("revenue");
    private static final SerializedString F_SHIPPING = new SerializedString("shipping");
    private static final SerializedString F_SKU = new SerializedString("sku");
    private static final SerializedString F_SUBTOTAL = new SerializedString("subtotal");
    private static final SerializedString F_TAX = new SerializedString("tax");
    private static final SerializedString F_TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString F_TOTAL = new SerializedString("total");
    private static final SerializedString F_URL = new SerializedString("url");
    private static final SerializedString F_UUID = new SerializedString("uuid");
    private static final SerializedString F_VARIANT = new SerializedString("variant");

    private final IdentityFields identityFields;
    private final boolean geoipDisable;
    private final MessageDigest sha1 = NameBasedUuid.sha1();

    private OrderEventWriter(EventSettings settings) {
        this.identityFields = new IdentityFields(settings);
        this.geoipDisable = settings.geoipDisable();
    }

    public static OrderEventWriter create(EventSettings settings) {
        return new OrderEventWriter(settings);
    }

    /** The uuid of {@code event}: a version-5 UUID of its kind, order id and, for a refund, refund id. */
    public static UUID uuid(OrderEvent event) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, uuidName(event));
    }

    public static UUID placedUuid(String orderId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, PLACED_UUID_PREFIX + orderId);
    }

    public static UUID refundedUuid(String orderId, String refundId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, REFUNDED_UUID_PREFIX + orderId + ":" + refundId);
    }

    public static UUID cancelledUuid(String orderId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, CANCELLED_UUID_PREFIX + orderId);
    }

    /** The uuid of the {@code $identify} that goes with a customer's order: version 5 of {@code "order-analytics:$identify:" + orderId}. */
    public static UUID identifyUuid(String orderId) {
        return NameBasedUuid.v5(NameBasedUuid.URL_NAMESPACE, IDENTIFY_UUID_PREFIX + orderId);
    }

    private static String uuidName(OrderEvent event) {
        if (event instanceof Order) {
            return PLACED_UUID_PREFIX + event.orderId();
        }
        if (event instanceof Refund refund) {
            return REFUNDED_UUID_PREFIX + refund.orderId() + ":" + refund.refundId();
        }
        return CANCELLED_UUID_PREFIX + event.orderId();
    }

    /** The {@code distinct_id} the event goes under, as {@link #write} writes it. */
    public String distinctId(OrderEvent event, Identity identity) {
        return identityFields.distinctId(event, identity);
    }

    /** The event as one JSON object, in a buffer of its own, without the {@code $identify} that may go with it. */
    public byte[] toBytes(OrderEvent event, Identity identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = EventJson.generator(out)) {
            writeEvent(event, identity, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The {@code $identify} that goes with the event (see {@link #write}) as one JSON object, if one does. */
    public Optional<byte[]> identifyBytes(OrderEvent event, Identity identity) {
        String browserId = identityFields.browserToLink(event, identity);
        if (browserId == null) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = EventJson.generator(out)) {
            writeIdentify(event, identity, browserId, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(out.toByteArray());
    }

    /** The event as text with its uuid and time, the uuid hashed once: an outbox writes this in a checkout. */
    public EncodedEvent encode(OrderEvent event, Identity identity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        UUID uuid;
        try (JsonGenerator g = EventJson.generator(out)) {
            uuid = write(event, identity, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedEvent(uuid, event.occurredAt(), out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Writes the event as one JSON object of PostHog's {@code batch} and returns its uuid. With {@code
     * linkBrowserToCustomer}, a customer's order from an anonymous browser is written after a {@code
     * $identify} and a comma: two entries of the batch that travel, are counted and are kept together,
     * so the link is made exactly when the order is delivered.
     */
    public UUID write(OrderEvent event, Identity identity, JsonGenerator g) throws IOException {
        String browserId = identityFields.browserToLink(event, identity);
        if (browserId != null) {
            writeIdentify(event, identity, browserId, g);
            g.writeRaw(',');
        }
        return writeEvent(event, identity, g);
    }

    private void writeIdentify(OrderEvent event, Identity identity, String browserId, JsonGenerator g)
            throws IOException {
        g.writeStartObject();
        string(g, F_EVENT, IDENTIFY);
        string(g, F_DISTINCT_ID, identity.id());
        string(
                g,
                F_UUID,
                NameBasedUuid.v5(sha1, NameBasedUuid.URL_NAMESPACE, IDENTIFY_UUID_PREFIX + event.orderId())
                        .toString());
        string(g, F_TIMESTAMP, event.occurredAt().toString());
        g.writeFieldName(F_PROPERTIES);
        g.writeStartObject();
        string(g, F_ANON_DISTINCT_ID, browserId);
        identityFields.session(g, event, identity);
        library(g);
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Every kind has the same frame (name, distinct id, uuid, time; {@code order_id} first and the
     * identity, library and custom properties last); only what lies between differs.
     */
    private UUID writeEvent(OrderEvent event, Identity identity, JsonGenerator g) throws IOException {
        UUID uuid = NameBasedUuid.v5(sha1, NameBasedUuid.URL_NAMESPACE, uuidName(event));
        g.writeStartObject();
        string(g, F_EVENT, event.kind().eventName());
        string(g, F_DISTINCT_ID, identityFields.distinctId(event, identity));
        string(g, F_UUID, uuid.toString());
        string(g, F_TIMESTAMP, event.occurredAt().toString());
        g.writeFieldName(F_PROPERTIES);
        g.writeStartObject();
        string(g, F_ORDER_ID, event.orderId());
        if (event instanceof Order order) {
            placed(g, order);
        } else if (event instanceof Refund refund) {
            refunded(g, refund);
        } else {
            cancelled(g, (Cancellation) event);
        }
        identityFields.write(g, event, identity);
        library(g);
        for (Map.Entry<String, Object> e : event.properties().entrySet()) {
            g.writeFieldName(e.getKey());
            EventJson.value(g, e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
        return uuid;
    }

    private void library(JsonGenerator g) throws IOException {
        string(g, F_LIB, LibraryVersion.NAME);
        string(g, F_LIB_VERSION, LibraryVersion.VERSION);
        if (geoipDisable) {
            g.writeFieldName(F_GEOIP_DISABLE);
            g.writeBoolean(true);
        }
    }

    private static void placed(JsonGenerator g, Order order) throws IOException {
        Money total = order.total();
        amount(g, F_TOTAL, total.amount());
        string(g, F_CURRENCY, total.currencyCode());
        amount(g, F_REVENUE, revenue(total, order.tax(), order.shipping()));
        amount(g, F_SUBTOTAL, order.subtotal());
        amount(g, F_TAX, order.tax());
        amount(g, F_SHIPPING, order.shipping());
        amount(g, F_DISCOUNT, order.discount());
        text(g, F_COUPON, order.coupon());
        text(g, F_CHECKOUT_ID, order.checkoutId());
        text(g, F_AFFILIATION, order.affiliation());
        products(g, order.items());
    }

    /** {@code total} is what was given back, positive, as the e-commerce specs have it; {@code revenue} is negative. */
    private static void refunded(JsonGenerator g, Refund refund) throws IOException {
        string(g, F_REFUND_ID, refund.refundId());
        Money total = refund.total();
        amount(g, F_TOTAL, total.amount());
        string(g, F_CURRENCY, total.currencyCode());
        amount(g, F_REVENUE, revenue(total, refund.tax(), refund.shipping()).negate());
        amount(g, F_TAX, refund.tax());
        amount(g, F_SHIPPING, refund.shipping());
        text(g, F_REASON, refund.reason());
        products(g, refund.items());
    }

    private static void cancelled(JsonGenerator g, Cancellation cancellation) throws IOException {
        text(g, F_REASON, cancellation.reason());
    }

    private static void products(JsonGenerator g, List<LineItem> items) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        g.writeFieldName(F_PRODUCTS);
        g.writeStartArray();
        for (LineItem item : items) {
            product(g, item);
        }
        g.writeEndArray();
    }

    private static void product(JsonGenerator g, LineItem item) throws IOException {
        g.writeStartObject();
        string(g, F_PRODUCT_ID, item.productId());
        text(g, F_SKU, item.sku());
        text(g, F_NAME, item.name());
        text(g, F_CATEGORY, item.category());
        text(g, F_BRAND, item.brand());
        text(g, F_VARIANT, item.variant());
        text(g, F_URL, item.url());
        text(g, F_IMAGE_URL, item.imageUrl());
        if (item.position().isPresent()) {
            g.writeFieldName(F_POSITION);
            g.writeNumber(item.position().getAsInt());
        }
        g.writeFieldName(F_PRICE);
        DecimalText.write(g, item.price().amount());
        g.writeFieldName(F_QUANTITY);
        g.writeNumber(item.quantity());
        g.writeEndObject();
    }

    /** Total less tax and shipping, as {@link Order#revenue()} computes it, without its validated copy. */
    private static BigDecimal revenue(Money total, Optional<Money> tax, Optional<Money> shipping) {
        BigDecimal revenue = total.amount();
        if (tax.isPresent()) {
            revenue = revenue.subtract(tax.get().amount());
        }
        if (shipping.isPresent()) {
            revenue = revenue.subtract(shipping.get().amount());
        }
        return revenue;
    }

    private static void amount(JsonGenerator g, SerializedString name, BigDecimal amount) throws IOException {
        g.writeFieldName(name);
        DecimalText.write(g, amount);
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
