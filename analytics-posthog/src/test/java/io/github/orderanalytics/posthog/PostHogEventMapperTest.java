package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Golden JSON for each kind of identity. The uuids and hashes below were computed outside Java,
 * with Python's {@code uuid.uuid5(uuid.NAMESPACE_URL, "order-analytics:order_placed:" + id)} (and
 * {@code "order-analytics:order_refunded:" + id + ":" + refundId}, {@code "order-analytics:order_cancelled:" + id}),
 * {@code hashlib.sha256} and {@code hmac.new(key, email, sha256)}.
 */
class PostHogEventMapperTest {
    private static final String VERSION = System.getProperty("project.version");
    private static final PostHogEventMapper DEFAULTS =
            PostHogEventMapper.create(PostHogConfig.builder().build());

    private static Order designExample() {
        return Order.builder("ord_1001", Money.of("49.99", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .subtotal(Money.of("40.00", "EUR"))
                .tax(Money.of("7.99", "EUR"))
                .shipping(Money.of("2.00", "EUR"))
                .discount(Money.of("0.00", "EUR"))
                .coupon("WELCOME10")
                .item(LineItem.builder("prod_7", 2, Money.of("20.00", "EUR"))
                        .sku("SKU-7")
                        .name("Mug")
                        .build())
                .property("channel", "web")
                .build();
    }

    @Test
    void anEncodedEventIsTheSameEventAsTheBytesSentWithItsUuidAndTime() {
        EncodedEvent encoded = DEFAULTS.encode(designExample(), Identity.customer("cus_42"));

        assertThat(encoded.uuid()).isEqualTo(PostHogEventMapper.orderPlacedUuid("ord_1001"));
        assertThat(encoded.timestamp()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(encoded.json())
                .isEqualTo(DEFAULTS.orderPlaced(designExample(), Identity.customer("cus_42"))
                        .toJson());
    }

    @Test
    void customerEventIsExactlyTheDesignExample() {
        PostHogEvent event = DEFAULTS.orderPlaced(designExample(), Identity.customer("cus_42"));

        assertThat(event.toJson())
                .isEqualTo("{\"event\":\"order_placed\",\"distinct_id\":\"cus_42\","
                        + "\"uuid\":\"74afcb3d-a4f2-5d4a-a1f8-c72c2ad401c5\",\"timestamp\":\"2026-11-27T10:15:30Z\","
                        + "\"properties\":{\"order_id\":\"ord_1001\",\"total\":49.99,\"currency\":\"EUR\",\"revenue\":40.00,"
                        + "\"subtotal\":40.00,\"tax\":7.99,\"shipping\":2.00,\"discount\":0.00,\"coupon\":\"WELCOME10\","
                        + "\"products\":[{\"product_id\":\"prod_7\",\"sku\":\"SKU-7\",\"name\":\"Mug\",\"price\":20.00,\"quantity\":2}],"
                        + "\"identity_type\":\"customer\",\"$lib\":\"order-analytics-java\",\"$lib_version\":\""
                        + VERSION + "\","
                        + "\"$geoip_disable\":true,\"channel\":\"web\"}}");
        assertThat(event.properties().get("total")).isEqualTo(new BigDecimal("49.99"));
    }

    @Test
    void guestIsHashedAndPersonlessAndTheEmailIsNowhere() {
        Order order = Order.builder("ord_1002", Money.of("12.5", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .build();

        PostHogEvent event = DEFAULTS.orderPlaced(order, Identity.guest("  Jane@Example.com "));

        assertThat(event.toJson())
                .isEqualTo("{\"event\":\"order_placed\","
                        + "\"distinct_id\":\"guest_8c87b489ce35cf2e2f39f80e282cb2e804932a56a213983eeeb428407d43b52d\","
                        + "\"uuid\":\"a160b24d-3468-5d5b-8b64-544a6de28620\",\"timestamp\":\"2026-11-27T10:15:30Z\","
                        + "\"properties\":{\"order_id\":\"ord_1002\",\"total\":12.50,\"currency\":\"EUR\",\"revenue\":12.50,"
                        + "\"identity_type\":\"guest\",\"$process_person_profile\":false,"
                        + "\"$lib\":\"order-analytics-java\",\"$lib_version\":\"" + VERSION
                        + "\",\"$geoip_disable\":true}}");
        assertThat(event.toJson()).doesNotContainIgnoringCase("jane").doesNotContain("example.com");
    }

    @Test
    void guestWithAKeyIsHmacked() {
        PostHogEventMapper keyed = PostHogEventMapper.create(PostHogConfig.builder()
                .guestIdKey("k3y-secret-0123456789abcdef-k3y-secret")
                .build());

        PostHogEvent event = keyed.orderPlaced(designExample(), Identity.guest("jane@example.com"));

        assertThat(event.distinctId())
                .isEqualTo("guest_2a6291fb9626f9d4a12a5e039469610c11959b0f484b8843da8120b5728b6ca3");
    }

    @Test
    void guestByEmailWhenOptedIn() {
        PostHogEventMapper byEmail = PostHogEventMapper.create(
                PostHogConfig.builder().guestIdentity(GuestIdentity.EMAIL).build());

        PostHogEvent event = byEmail.orderPlaced(designExample(), Identity.guest(" Jane@Example.com"));

        assertThat(event.distinctId()).isEqualTo("jane@example.com");
        assertThat(event.properties())
                .containsEntry("$process_person_profile", false)
                .containsEntry("identity_type", "guest");
    }

    @Test
    void anonymousWithSessionIsPersonlessAndJoinsTheSession() {
        Order order = Order.builder("ord_1003", Money.of("1200", "JPY"))
                .placedAt(Instant.parse("2026-11-27T10:15:30.123Z"))
                .build();

        PostHogEvent event = DEFAULTS.orderPlaced(
                order, Identity.anonymous("0192f7a3-5c1e").withSessionId("01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41"));

        assertThat(event.toJson())
                .isEqualTo("{\"event\":\"order_placed\",\"distinct_id\":\"0192f7a3-5c1e\","
                        + "\"uuid\":\"76f94721-a809-5eb7-a2f4-5cd80bcc1199\",\"timestamp\":\"2026-11-27T10:15:30.123Z\","
                        + "\"properties\":{\"order_id\":\"ord_1003\",\"total\":1200,\"currency\":\"JPY\",\"revenue\":1200,"
                        + "\"identity_type\":\"anonymous\",\"$process_person_profile\":false,\"$session_id\":\"01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41\","
                        + "\"$lib\":\"order-analytics-java\",\"$lib_version\":\"" + VERSION
                        + "\",\"$geoip_disable\":true}}");
    }

    @Test
    void aRefundIsTheAmountGivenBackWithNegativeRevenue() {
        Refund refund = Refund.builder("ord_1001", "re_77", Money.of("25.99", "EUR"))
                .refundedAt(Instant.parse("2026-11-30T09:00:00Z"))
                .tax(Money.of("3.99", "EUR"))
                .shipping(Money.of("2.00", "EUR"))
                .reason("damaged")
                .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR"))
                        .sku("SKU-7")
                        .build())
                .property("channel", "support")
                .build();

        String json =
                DEFAULTS.orderRefunded(refund, Identity.customer("cus_42")).toJson();

        assertThat(json)
                .isEqualTo("{\"event\":\"order_refunded\",\"distinct_id\":\"cus_42\","
                        + "\"uuid\":\"e0cc9ca3-4047-528b-b1b5-017126804952\",\"timestamp\":\"2026-11-30T09:00:00Z\","
                        + "\"properties\":{\"order_id\":\"ord_1001\",\"refund_id\":\"re_77\",\"total\":25.99,"
                        + "\"currency\":\"EUR\",\"revenue\":-20.00,\"tax\":3.99,\"shipping\":2.00,\"reason\":\"damaged\","
                        + "\"products\":[{\"product_id\":\"prod_7\",\"sku\":\"SKU-7\",\"price\":20.00,\"quantity\":1}],"
                        + "\"identity_type\":\"customer\",\"$lib\":\"order-analytics-java\",\"$lib_version\":\""
                        + VERSION + "\",\"$geoip_disable\":true,\"channel\":\"support\"}}");
        assertThat(DEFAULTS.event(refund, Identity.customer("cus_42")).toJson()).isEqualTo(json);
    }

    @Test
    void aRefundOfOnlyShippingGivesBackNoRevenue() {
        Refund shippingOnly = Refund.builder("ord_1001", "re_78", Money.of("4.90", "EUR"))
                .shipping(Money.of("4.90", "EUR"))
                .build();

        PostHogEvent event = DEFAULTS.orderRefunded(shippingOnly, Identity.customer("cus_42"));

        assertThat(event.toJson()).contains("\"revenue\":0.00,");
        assertThat(event.uuid()).isEqualTo(UUID.fromString("40db0ec1-ae61-55c6-8bc8-577224fcac43"));
    }

    @Test
    void aCancellationCarriesNoMoney() {
        Cancellation cancellation = Cancellation.builder("ord_1001")
                .cancelledAt(Instant.parse("2026-11-28T08:00:00Z"))
                .reason("customer_request")
                .build();

        PostHogEvent event = DEFAULTS.orderCancelled(cancellation, Identity.guest("jane@example.com"));

        assertThat(event.toJson())
                .isEqualTo("{\"event\":\"order_cancelled\",\"distinct_id\":\""
                        + DEFAULTS.orderPlaced(designExample(), Identity.guest("jane@example.com"))
                                .distinctId()
                        + "\",\"uuid\":\"bcbc5a32-8cf8-5304-b03e-6a40e062b1f1\",\"timestamp\":\"2026-11-28T08:00:00Z\","
                        + "\"properties\":{\"order_id\":\"ord_1001\",\"reason\":\"customer_request\","
                        + "\"identity_type\":\"guest\",\"$process_person_profile\":false,"
                        + "\"$lib\":\"order-analytics-java\",\"$lib_version\":\"" + VERSION
                        + "\",\"$geoip_disable\":true}}");
    }

    @Test
    void eachKindHasItsOwnUuidAndRedeliveriesKeepIt() {
        Refund refund =
                Refund.builder("ord_1001", "re_77", Money.of("1.00", "EUR")).build();
        Refund sameRefundLater = refund.toBuilder()
                .refundedAt(Instant.parse("2026-11-30T00:00:00Z"))
                .build();
        Cancellation cancellation = Cancellation.builder("ord_1001").build();

        assertThat(PostHogEventMapper.uuid(sameRefundLater)).isEqualTo(PostHogEventMapper.uuid(refund));
        assertThat(PostHogEventMapper.orderRefundedUuid("ord_1001", "re_77"))
                .isEqualTo(UUID.fromString("e0cc9ca3-4047-528b-b1b5-017126804952"))
                .isEqualTo(DEFAULTS.encode(refund, Identity.customer("c")).uuid());
        assertThat(PostHogEventMapper.orderCancelledUuid("ord_1001"))
                .isEqualTo(UUID.fromString("bcbc5a32-8cf8-5304-b03e-6a40e062b1f1"))
                .isEqualTo(PostHogEventMapper.uuid(cancellation));
        assertThat(PostHogEventMapper.uuid(designExample())).isEqualTo(PostHogEventMapper.orderPlacedUuid("ord_1001"));
        assertThat(DEFAULTS.encode(cancellation, Identity.customer("c")).timestamp())
                .isEqualTo(cancellation.cancelledAt());
    }

    @Test
    void theRestOfTheEcommerceSpecIsWrittenWhereSet() {
        Order order = Order.builder("ord_1003", Money.of("20.00", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .checkoutId("chk_5")
                .affiliation("Main street")
                .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR"))
                        .category("Kitchen")
                        .brand("Acme")
                        .variant("blue")
                        .url("https://shop.example.com/p/7")
                        .imageUrl("https://shop.example.com/p/7.jpg")
                        .position(0)
                        .build())
                .build();

        String json = DEFAULTS.orderPlaced(order, Identity.customer("cus_42")).toJson();

        assertThat(json)
                .contains("\"checkout_id\":\"chk_5\",\"affiliation\":\"Main street\",")
                .contains("{\"product_id\":\"prod_7\",\"category\":\"Kitchen\",\"brand\":\"Acme\","
                        + "\"variant\":\"blue\",\"url\":\"https://shop.example.com/p/7\","
                        + "\"image_url\":\"https://shop.example.com/p/7.jpg\",\"position\":0,\"price\":20.00,"
                        + "\"quantity\":1}");
    }

    @Test
    void charactersBeyondTheBasicPlaneAreValidUtf8InKeysAndValues() {
        Order order = Order.builder("ord_1004", Money.of("1.00", "EUR"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .property("gift \uD83C\uDF81", Map.of("\uD800\uDC00", "\uD83D\uDE00"))
                .build();

        PostHogEvent event = DEFAULTS.orderPlaced(order, Identity.customer("cus_42"));

        assertThat(event.properties()).containsEntry("gift \uD83C\uDF81", Map.of("\uD800\uDC00", "\uD83D\uDE00"));
        assertThat(DEFAULTS.encode(order, Identity.customer("cus_42")).json()).contains("\"gift \uD83C\uDF81\"");
    }

    @Test
    void uuidDependsOnlyOnTheOrderId() {
        Order first = designExample();
        Order redelivered = first.toBuilder()
                .placedAt(Instant.parse("2026-11-28T00:00:00Z"))
                .build();

        assertThat(DEFAULTS.orderPlaced(redelivered, Identity.guest("x@example.com"))
                        .uuid())
                .isEqualTo(
                        DEFAULTS.orderPlaced(first, Identity.customer("cus_42")).uuid());
        assertThat(PostHogEventMapper.orderPlacedUuid("ord_\u00fc\u20ac"))
                .isEqualTo(UUID.fromString("16b595fa-9b7e-5ea4-9b04-07e5cc1bdd61"));
        assertThat(PostHogEventMapper.orderPlacedUuid("ord_1001").version()).isEqualTo(5);
    }

    @Test
    void geoipCanBeLeftToPostHog() {
        PostHogEventMapper withGeoip = PostHogEventMapper.create(
                PostHogConfig.builder().geoipDisable(false).build());

        assertThat(withGeoip
                        .orderPlaced(designExample(), Identity.customer("c"))
                        .properties())
                .doesNotContainKey("$geoip_disable");
    }

    @Test
    void customValuesAreWrittenAsJson() {
        Order order = Order.builder("ord_9", Money.of("1", "USD"))
                .placedAt(Instant.parse("2026-11-27T10:15:30Z"))
                .property("day", LocalDate.of(2026, 11, 27))
                .property("at", ZonedDateTime.of(2026, 11, 27, 11, 15, 30, 0, ZoneId.of("Europe/Paris")))
                .property("offset", OffsetDateTime.parse("2026-11-27T11:15:30+01:00"))
                .property("nested", Map.of("list", List.of(1, 2.5, "x")))
                .property("exact", new BigDecimal("1E+3"))
                .property("none", null)
                .build();

        String json = DEFAULTS.orderPlaced(order, Identity.customer("c")).toJson();

        assertThat(json)
                .contains(
                        "\"day\":\"2026-11-27\"",
                        "\"at\":\"2026-11-27T11:15:30+01:00\"",
                        "\"offset\":\"2026-11-27T11:15:30+01:00\"",
                        "\"nested\":{\"list\":[1,2.5,\"x\"]}",
                        "\"exact\":1000",
                        "\"none\":null");
    }

    @Test
    void optionalFieldsThatWereNotSetAreAbsent() {
        Order bare = Order.builder("ord_2", Money.of("5.00", "GBP")).build();

        Map<String, Object> p =
                DEFAULTS.orderPlaced(bare, Identity.customer("c")).properties();

        String unset = "subtotal tax shipping discount coupon products $process_person_profile $session_id";
        assertThat(p).doesNotContainKeys(unset.split(" "));
        assertThat(p.get("revenue")).isEqualTo(new BigDecimal("5.00"));
    }
}
