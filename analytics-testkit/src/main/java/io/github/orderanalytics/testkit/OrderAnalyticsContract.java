package io.github.orderanalytics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderAnalytics;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OrderAnalytics} honours, in {@code analytics-api} terms only, as a test
 * suite to extend: argument checks, that each order placed, refunded or cancelled is reported, and that delivery problems
 * neither block nor reach the caller. Implementations that send to PostHog extend
 * {@link PostHogOrderAnalyticsContract}, which adds the event mapping.
 *
 * <pre>{@code
 * class MyOrderAnalyticsContractTest extends OrderAnalyticsContract {
 *     private final MyOrderAnalytics analytics = ...;
 *
 *     protected OrderAnalytics analytics() { return analytics; }
 *
 *     protected List<String> awaitReportedOrderIds(int count, Duration timeout) { ...what was reported... }
 * }
 * }</pre>
 *
 * <p>Each test uses {@link #analytics()} once; make it fresh per test (JUnit creates a new instance of
 * the test class for each test). An implementation that cannot do something the contract checks names
 * it in {@link #knownLimits()}, and the tests that need it are skipped with the limit's name; one that
 * does something on purpose that others do not names it in {@link #documentedBehaviours()}.
 *
 * @since 0.1.0
 */
public abstract class OrderAnalyticsContract {
    private static final PrintStream CONSOLE =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

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

    /**
     * What an implementation does on purpose where others do not; each is checked only where it is
     * named in {@link #documentedBehaviours()}.
     */
    public enum Behaviour {
        /**
         * {@code orderPlaced} throws when the event cannot be stored (an outbox whose table write
         * fails), so the order's transaction fails instead of committing without its event. Delivery
         * problems still never reach the caller.
         */
        THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED
    }

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Instant PLACED_AT = Instant.parse("2026-11-27T10:15:30Z");
    static final Instant REFUNDED_AT = Instant.parse("2026-11-29T16:00:00Z");
    static final Instant CANCELLED_AT = Instant.parse("2026-11-28T08:30:00Z");

    /** The implementation under test. */
    protected abstract OrderAnalytics analytics();

    /**
     * Waits until at least {@code count} order events (placed, refunded, cancelled) were reported
     * (recorded, received or stored), and returns the order ids of all of them, duplicates included.
     */
    protected abstract List<String> awaitReportedOrderIds(int count, Duration timeout);

    /** Makes delivery fail from now on, for example by refusing connections; nothing to do without delivery. */
    protected void breakDelivery() {}

    /** What this implementation cannot do; none by default. */
    protected Set<Limit> knownLimits() {
        return Set.of();
    }

    /** What this implementation does on purpose that the contract does not ask of all; none by default. */
    protected Set<Behaviour> documentedBehaviours() {
        return Set.of();
    }

    /**
     * Makes storing events fail from now on (dropping the outbox table, say); needed by
     * implementations that document {@link Behaviour#THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED}.
     */
    protected void breakStorage() {
        throw new UnsupportedOperationException(
                "override breakStorage() to test " + Behaviour.THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED);
    }

    /** Skips the calling test if the implementation names {@code limit}. */
    protected final void skipIf(Limit limit) {
        skipUnless(!knownLimits().contains(limit), "known limit of this implementation: " + limit);
    }

    /**
     * Skips the calling test, saying why on the console too: surefire keeps the reason in its XML only. On
     * the process's own stdout, not {@code System.out}, which a build may file away with the tests' output
     * (Maven's {@code redirectTestOutputToFile}); a skip should not be quiet.
     */
    private void skipUnless(boolean condition, String reason) {
        if (!condition) {
            CONSOLE.println("[SKIPPED] " + getClass().getSimpleName() + ": " + reason);
            assumeTrue(false, reason);
        }
    }

    /** The order the contract places: every optional field set, one line item, one custom property. */
    protected static Order order(String id) {
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

    /** The refund the contract reports: part of {@link #order(String)} given back, tax and an item included. */
    protected static Refund refund(String orderId, String refundId) {
        return Refund.builder(orderId, refundId, Money.of("23.99", "EUR"))
                .refundedAt(REFUNDED_AT)
                .tax(Money.of("3.99", "EUR"))
                .reason("damaged")
                .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR"))
                        .sku("SKU-7")
                        .build())
                .property("channel", "support")
                .build();
    }

    /** The cancellation the contract reports. */
    protected static Cancellation cancellation(String orderId) {
        return Cancellation.builder(orderId)
                .cancelledAt(CANCELLED_AT)
                .reason("customer_request")
                .build();
    }

    @Test
    @SuppressWarnings("NullAway") // passes null where the API forbids it, to prove it is refused by name
    public void nullArgumentsAreNamed() {
        OrderAnalytics analytics = analytics();
        Identity c = Identity.customer("c");

        refusedNamed(() -> analytics.orderPlaced(null, c), "order == null");
        refusedNamed(() -> analytics.orderRefunded(null, c), "refund == null");
        refusedNamed(() -> analytics.orderCancelled(null, c), "cancellation == null");
        for (OrderEvent event : List.of(order("ord_1"), refund("ord_1", "re_1"), cancellation("ord_1"))) {
            refusedNamed(() -> event.reportTo(analytics, null), "identity == null");
        }
    }

    private static void refusedNamed(ThrowingCallable call, String message) {
        assertThatNullPointerException().isThrownBy(call).withMessage(message);
    }

    @Test
    public void refundsAndCancellationsAreReportedLikeOrders() {
        OrderAnalytics analytics = analytics();

        analytics.orderRefunded(refund("ord_contract_r", "re_1"), Identity.customer("cus_42"));
        analytics.orderRefunded(refund("ord_contract_r", "re_2"), Identity.customer("cus_42"));
        analytics.orderCancelled(cancellation("ord_contract_c"), Identity.customer("cus_42"));

        assertThat(awaitReportedOrderIds(3, WAIT))
                .containsExactlyInAnyOrder("ord_contract_r", "ord_contract_r", "ord_contract_c");
    }

    @Test
    public void aPlacedOrderIsReported() {
        analytics().orderPlaced(order("ord_contract_0"), Identity.customer("cus_42"));

        assertThat(awaitReportedOrderIds(1, WAIT)).contains("ord_contract_0");
    }

    @Test
    public void ordersPlacedFromManyThreadsAreAllReported() throws Exception {
        OrderAnalytics analytics = analytics();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<String> placed = new ArrayList<>();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 25; i++) {
                    String id = "ord_thread_" + t + "_" + i;
                    placed.add(id);
                    calls.add(threads.submit(() -> analytics.orderPlaced(order(id), Identity.customer("cus_42"))));
                }
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(awaitReportedOrderIds(placed.size(), WAIT)).containsAll(placed);
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

    @Test
    public void whereDocumentedAnEventThatCannotBeStoredThrows() {
        skipUnless(
                documentedBehaviours().contains(Behaviour.THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED),
                "not documented by this implementation: " + Behaviour.THROWS_WHEN_THE_EVENT_CANNOT_BE_STORED);
        OrderAnalytics analytics = analytics();
        breakStorage();

        assertThatThrownBy(() -> analytics.orderPlaced(order("ord_unstored"), Identity.customer("c")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> analytics.orderRefunded(refund("ord_unstored", "re_1"), Identity.customer("c")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> analytics.orderCancelled(cancellation("ord_unstored"), Identity.customer("c")))
                .isInstanceOf(RuntimeException.class);
    }
}
