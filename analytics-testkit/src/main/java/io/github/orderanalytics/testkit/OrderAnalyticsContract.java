package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OrderAnalytics} honours, as a test suite to extend: argument checks,
 * the {@code order_placed} mapping and identity rules, and that delivery problems neither block nor
 * reach the caller.
 *
 * <pre>{@code
 * class MyOrderAnalyticsContractTest extends OrderAnalyticsContract {
 *     private final MyOrderAnalytics analytics = ...;
 *
 *     protected OrderAnalytics analytics() { return analytics; }
 *
 *     protected List<PostHogEvent> awaitReported(int count, Duration timeout) { ...what reached PostHog... }
 * }
 * }</pre>
 *
 * <p>Each test uses {@link #analytics()} once; make it fresh per test (JUnit creates a new instance of
 * the test class for each test). An implementation that cannot do something the contract checks names
 * it in {@link #knownLimits()}, and the tests that need it are skipped with the limit's name.
 *
 * @since 0.1.0
 */
public abstract class OrderAnalyticsContract {

    /** Things an implementation may be unable to do; the tests that need them are skipped. */
    public enum Limit {
        /** The event's uuid cannot be set by the caller, so a redelivered order is counted twice. */
        CALLER_SET_UUID,
        /** The event's timestamp cannot be set by the caller: it is when the call was made. */
        CALLER_SET_TIMESTAMP,
        /** Shutdown has no deadline, so delivery cannot be broken in a test without hanging it. */
        SHUTDOWN_WITHOUT_DEADLINE,
        /**
         * Amounts arrive with the right value but not at the currency's scale ({@code 49.9} for
         * {@code 49.90}); they are then compared by value.
         */
        AMOUNTS_AT_CURRENCY_SCALE
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant PLACED_AT = Instant.parse("2026-11-27T10:15:30Z");

    /** The implementation under test. */
    protected abstract OrderAnalytics analytics();

    /** Waits until at least {@code count} events were reported (recorded or received), and returns them all. */
    protected abstract List<PostHogEvent> awaitReported(int count, Duration timeout);

    /** Makes delivery fail from now on, for example by refusing connections; nothing to do without delivery. */
    protected void breakDelivery() {}

    /** What this implementation cannot do; none by default. */
    protected Set<Limit> knownLimits() {
        return Set.of();
    }

    /** The mapping settings the implementation uses; PostHog's defaults unless overridden. */
    protected PostHogConfig mappingConfig() {
        return PostHogConfig.builder().build();
    }

    private void skipIf(Limit limit) {
        assumeFalse(knownLimits().contains(limit), "known limit of this implementation: " + limit);
    }

    private static Order order(String id) {
        return Order.builder(id, Money.of("49.99", "EUR"))
                .placedAt(PLACED_AT)
                .subtotal(Money.of("40.00", "EUR"))
                .tax(Money.of("7.99", "EUR"))
                .shipping(Money.of("2.00", "EUR"))
                .coupon("WELCOME10")
                .item(LineItem.builder("prod_7", 2, Money.of("20.00", "EUR"))
                        .sku("SKU-7")
                        .name("Mug")
                        .build())
                .property("channel", "web")
                .build();
    }

    private PostHogEvent expected(Order order, Identity identity) {
        return PostHogEventMapper.create(mappingConfig()).orderPlaced(order, identity);
    }

    /** Properties without the ones that name the library that sent them. */
    private Map<String, Object> business(PostHogEvent event) {
        Map<String, Object> p = new LinkedHashMap<>(event.properties());
        p.keySet().removeIf(k -> k.startsWith("$lib"));
        @SuppressWarnings("unchecked")
        Map<String, Object> normalised =
                knownLimits().contains(Limit.AMOUNTS_AT_CURRENCY_SCALE) ? (Map<String, Object>) byValue(p) : p;
        return normalised;
    }

    /** The same JSON-like value with every number as a decimal without trailing zeros (20.00 and 20 alike). */
    private static Object byValue(Object value) {
        if (value instanceof Number n) {
            java.math.BigDecimal d = new java.math.BigDecimal(n.toString());
            return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, byValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OrderAnalyticsContract::byValue).collect(java.util.stream.Collectors.toList());
        }
        return value;
    }

    private PostHogEvent reportedOnly() {
        List<PostHogEvent> events = awaitReported(1, WAIT);
        assertThat(events).as("reported events").hasSize(1);
        return events.get(0);
    }

    @Test
    public void nullArgumentsAreNamed() {
        OrderAnalytics analytics = analytics();

        assertThatNullPointerException()
                .isThrownBy(() -> analytics.orderPlaced(null, Identity.customer("c")))
                .withMessage("order == null");
        assertThatNullPointerException()
                .isThrownBy(() -> analytics.orderPlaced(order("ord_1"), null))
                .withMessage("identity == null");
    }

    @Test
    public void aCustomerOrderIsReportedWithTheMappedProperties() {
        Order order = order("ord_contract_1");

        analytics().orderPlaced(order, Identity.customer("cus_42"));

        PostHogEvent event = reportedOnly();
        PostHogEvent expected = expected(order, Identity.customer("cus_42"));
        assertThat(event.event()).isEqualTo("order_placed");
        assertThat(event.distinctId()).isEqualTo("cus_42");
        assertThat(business(event)).isEqualTo(business(expected));
    }

    @Test
    public void aGuestIsHashedAndPersonlessAndTheEmailIsNotSent() {
        Identity guest = Identity.guest(" Jane.Doe@Example.com ");

        analytics().orderPlaced(order("ord_contract_2"), guest);

        PostHogEvent event = reportedOnly();
        assertThat(event.distinctId())
                .isEqualTo(expected(order("ord_contract_2"), guest).distinctId());
        assertThat(event.properties())
                .containsEntry("identity_type", "guest")
                .containsEntry("$process_person_profile", false);
        assertThat(event.toJson()).doesNotContainIgnoringCase("jane.doe");
    }

    @Test
    public void anAnonymousVisitorIsPersonlessAndJoinsTheSession() {
        analytics()
                .orderPlaced(
                        order("ord_contract_3"), Identity.anonymous("0192f7a3").withSessionId("sess_9"));

        PostHogEvent event = reportedOnly();
        assertThat(event.distinctId()).isEqualTo("0192f7a3");
        assertThat(event.properties())
                .containsEntry("identity_type", "anonymous")
                .containsEntry("$process_person_profile", false)
                .containsEntry("$session_id", "sess_9");
    }

    @Test
    public void theUuidComesFromTheOrderIdSoRedeliveriesCollapse() {
        skipIf(Limit.CALLER_SET_UUID);

        analytics().orderPlaced(order("ord_contract_4"), Identity.customer("c"));

        assertThat(reportedOnly().uuid()).isEqualTo(PostHogEventMapper.orderPlacedUuid("ord_contract_4"));
    }

    @Test
    public void theTimestampIsWhenTheOrderWasPlaced() {
        skipIf(Limit.CALLER_SET_TIMESTAMP);

        analytics().orderPlaced(order("ord_contract_5"), Identity.customer("c"));

        assertThat(reportedOnly().timestamp()).isEqualTo(PLACED_AT);
    }

    @Test
    public void deliveryProblemsNeitherBlockNorReachTheCaller() {
        skipIf(Limit.SHUTDOWN_WITHOUT_DEADLINE);
        OrderAnalytics analytics = analytics();
        breakDelivery();

        long start = System.nanoTime();
        assertThatCode(() -> {
                    for (int i = 0; i < 200; i++) {
                        analytics.orderPlaced(order("ord_broken_" + i), Identity.customer("c"));
                    }
                })
                .doesNotThrowAnyException();

        // Waiting for the network even once would take far longer than this.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
