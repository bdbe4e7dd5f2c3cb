package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link OrderAnalytics} that reports to PostHog: everything
 * {@link OrderAnalyticsContract} checks, plus the {@code order_placed} mapping and identity rules,
 * compared with what {@link PostHogEventMapper} makes of the same order.
 *
 * <pre>{@code
 * class MyPostHogOrderAnalyticsContractTest extends PostHogOrderAnalyticsContract {
 *     protected OrderAnalytics analytics() { return ...; }
 *
 *     protected List<PostHogEvent> awaitReported(int count, Duration timeout) { ...what reached PostHog... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class PostHogOrderAnalyticsContract extends OrderAnalyticsContract {

    /** Waits until at least {@code count} events were reported (recorded or received), and returns them all. */
    protected abstract List<PostHogEvent> awaitReported(int count, Duration timeout);

    @Override
    protected final List<String> awaitReportedOrderIds(int count, Duration timeout) {
        return awaitReported(count, timeout).stream()
                .map(e -> (String) e.properties().get("order_id"))
                .toList();
    }

    /** The mapping settings the implementation uses; PostHog's defaults unless overridden. */
    protected PostHogConfig mappingConfig() {
        return PostHogConfig.builder().build();
    }

    private PostHogEvent expected(OrderEvent event, Identity identity) {
        return PostHogEventMapper.create(mappingConfig()).event(event, identity);
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
            return list.stream()
                    .map(PostHogOrderAnalyticsContract::byValue)
                    .collect(java.util.stream.Collectors.toList());
        }
        return value;
    }

    private PostHogEvent reportedOnly() {
        List<PostHogEvent> events = awaitReported(1, WAIT);
        assertThat(events).as("reported events").hasSize(1);
        return events.get(0);
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
        Order order = order("ord_contract_3");
        String session = BrowserIds.sessionStartedAt(order.placedAt().minusSeconds(60)); // PostHog keeps it: 24 hours
        analytics().orderPlaced(order, Identity.anonymous("0192f7a3").withSessionId(session));

        PostHogEvent event = reportedOnly();
        assertThat(event.distinctId()).isEqualTo("0192f7a3");
        assertThat(event.properties())
                .containsEntry("identity_type", "anonymous")
                .containsEntry("$process_person_profile", false)
                .containsEntry("$session_id", session);
    }

    @Test
    public void theUuidComesFromTheOrderIdSoRedeliveriesCollapse() {
        skipIf(Limit.CALLER_SET_UUID);

        analytics().orderPlaced(order("ord_contract_4"), Identity.customer("c"));

        assertThat(reportedOnly().uuid()).isEqualTo(PostHogEventMapper.orderPlacedUuid("ord_contract_4"));
    }

    @Test
    public void aRefundIsReportedWithTheRevenueGivenBackAsNegative() {
        Refund refund = refund("ord_contract_6", "re_1");

        analytics().orderRefunded(refund, Identity.customer("cus_42"));

        PostHogEvent event = reportedOnly();
        assertThat(event.event()).isEqualTo("order_refunded");
        assertThat(event.distinctId()).isEqualTo("cus_42");
        assertThat(business(event)).isEqualTo(business(expected(refund, Identity.customer("cus_42"))));
        assertThat(new java.math.BigDecimal(String.valueOf(event.properties().get("revenue"))))
                .isEqualByComparingTo("-20.00");
    }

    @Test
    public void aCancellationIsReportedWithoutRevenue() {
        Cancellation cancellation = cancellation("ord_contract_7");

        analytics().orderCancelled(cancellation, Identity.guest("jane@example.com"));

        PostHogEvent event = reportedOnly();
        assertThat(event.event()).isEqualTo("order_cancelled");
        assertThat(business(event)).isEqualTo(business(expected(cancellation, Identity.guest("jane@example.com"))));
        assertThat(event.properties()).doesNotContainKeys("revenue", "total");
    }

    @Test
    public void theUuidsOfRefundsAndCancellationsComeFromTheirIds() {
        skipIf(Limit.CALLER_SET_UUID);

        assertThat(refundAndCancellation("ord_contract_8"))
                .extracting(PostHogEvent::uuid)
                .containsExactlyInAnyOrder(
                        PostHogEventMapper.orderRefundedUuid("ord_contract_8", "re_1"),
                        PostHogEventMapper.orderCancelledUuid("ord_contract_8"));
    }

    @Test
    public void theTimestampsOfRefundsAndCancellationsAreWhenTheyHappened() {
        skipIf(Limit.CALLER_SET_TIMESTAMP);

        assertThat(refundAndCancellation("ord_contract_9"))
                .extracting(PostHogEvent::timestamp)
                .containsExactlyInAnyOrder(REFUNDED_AT, CANCELLED_AT);
    }

    /** Reports a refund and a cancellation of {@code orderId} and waits for their two events. */
    private List<PostHogEvent> refundAndCancellation(String orderId) {
        analytics().orderRefunded(refund(orderId, "re_1"), Identity.customer("c"));
        analytics().orderCancelled(cancellation(orderId), Identity.customer("c"));
        return awaitReported(2, WAIT);
    }

    @Test
    public void theTimestampIsWhenTheOrderWasPlaced() {
        skipIf(Limit.CALLER_SET_TIMESTAMP);

        analytics().orderPlaced(order("ord_contract_5"), Identity.customer("c"));

        assertThat(reportedOnly().timestamp()).isEqualTo(PLACED_AT);
    }
}
