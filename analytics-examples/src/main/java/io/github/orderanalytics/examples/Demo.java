package io.github.orderanalytics.examples;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.posthog.DeliveryStats;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogEvent;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.posthog.reconcile.ExpectedEvent;
import io.github.orderanalytics.posthog.reconcile.PostHogReconciler;
import io.github.orderanalytics.posthog.reconcile.Reconciliation;
import io.github.orderanalytics.posthog.reconcile.Repair;
import io.github.orderanalytics.testkit.BrowserIds;
import io.github.orderanalytics.testkit.FakePostHog;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places three orders (a customer, a guest, an anonymous visitor) through the real PostHog client.
 *
 * <p>With {@code POSTHOG_API_KEY} set, they go to {@code POSTHOG_HOST} and the delivery stats are
 * printed. Without it, an embedded {@link FakePostHog} stands in for PostHog: it is over its billing
 * limit for one order (it answers 200 and stores nothing, as PostHog does), the demo reconciles what
 * PostHog stored with what it reported, repairs what is missing, and prints the exact JSON that PostHog
 * then holds.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        String apiKey = System.getenv("POSTHOG_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            runAgainstFakePostHog();
        } else {
            runAgainstPostHog();
        }
    }

    private static void runAgainstFakePostHog() {
        try (FakePostHog posthog = FakePostHog.start()) {
            System.out.println("No POSTHOG_API_KEY set: sending to an embedded fake PostHog at " + posthog.host());
            PostHogConfig config = posthog.clientConfig().build();
            try (PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(config)) {
                // Over its billing limit while the poster is ordered: 200, and nothing stored.
                posthog.dropSilently(e -> "ord_1003".equals(e.properties().get("order_id")));
                List<ExpectedEvent> reported = placeOrders(analytics);
                analytics.flush(Duration.ofSeconds(5));
                posthog.awaitEvents(5, Duration.ofSeconds(5));
                posthog.dropSilently(e -> false);
                reconcile(analytics, reported);
                // As PostHog counts them: a batch sent again after a lost answer collapses by uuid.
                List<PostHogEvent> events = posthog.countedEvents();
                System.out.println();
                System.out.println("PostHog received " + events.size() + " events in "
                        + posthog.requests().size() + " request(s) to /batch/"
                        + (posthog.events().size() > events.size()
                                ? " (and " + (posthog.events().size() - events.size()) + " copies it collapses)"
                                : "")
                        + ":");
                for (PostHogEvent event : events) {
                    System.out.println();
                    System.out.println(FakePostHog.prettyJson(event));
                }
                System.out.println();
                printNetRevenue(posthog.countedEvents());
                printStats(analytics.stats());
            }
        }
    }

    /**
     * Compares what PostHog stored with what the demo reported, sends what is missing again with the
     * same uuid, and checks once more. Events are judged at once here; against real PostHog the
     * reconciler waits an hour (its settle time) before it judges an event.
     */
    private static void reconcile(PostHogOrderAnalytics analytics, List<ExpectedEvent> reported) {
        Instant from = reported.stream()
                .map(e -> e.event().occurredAt())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant to = from.plusSeconds(1);
        PostHogReconciler reconciler =
                PostHogReconciler.builder(analytics).settle(Duration.ZERO).build();
        try {
            Reconciliation before = reconciler.check(from, to, reported);
            Repair repair = reconciler.repair(before);
            Reconciliation after = reconciler.check(from, to, reported);
            System.out.println();
            System.out.println("Reconciliation: expected " + before.expected() + ", found " + before.found()
                    + ", missing " + before.missing().size() + " ("
                    + before.missing().stream()
                            .map(e -> e.event().kind().eventName() + " "
                                    + e.event().orderId())
                            .toList()
                    + "), repaired " + repair.resent() + "; checked again: "
                    + (after.isComplete()
                            ? "complete"
                            : "still missing " + after.missing().size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reconciling", e);
        }
    }

    /** What PostHog's Trends would show as the sum of {@code revenue}: placed less given back, per currency. */
    private static void printNetRevenue(List<PostHogEvent> events) {
        Map<Object, BigDecimal> net = new TreeMap<>();
        for (PostHogEvent event : events) {
            Object revenue = event.properties().get("revenue");
            if (revenue != null) {
                net.merge(event.properties().get("currency"), new BigDecimal(revenue.toString()), BigDecimal::add);
            }
        }
        System.out.println("Net revenue (sum of revenue over the events): " + net);
    }

    private static void runAgainstPostHog() {
        PostHogOrderAnalytics analytics = PostHogOrderAnalytics.shared();
        System.out.println("Sending to " + analytics.config().host());
        placeOrders(analytics);
        boolean drained = analytics.flush(Duration.ofSeconds(10));
        System.out.println(drained ? "All events settled." : "Some events are still pending after 10 s.");
        printStats(analytics.stats());
        // No close(): shared() registered a shutdown hook that drains whatever is left.
    }

    /** Reports the demo's orders, refunds and cancellation; returns them, as a shop's records would hold them. */
    private static List<ExpectedEvent> placeOrders(PostHogOrderAnalytics analytics) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Order mugs = Order.builder("ord_1001", Money.of("49.99", "EUR"))
                .placedAt(now)
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
        analytics.orderPlaced(mugs, Identity.customer("cus_42"));
        List<ExpectedEvent> reported = new ArrayList<>();
        reported.add(ExpectedEvent.of(mugs, Identity.customer("cus_42")));

        Order tea = Order.builder("ord_1002", Money.of("12.50", "EUR"))
                .placedAt(now)
                .item(LineItem.builder("prod_9", 1, Money.of("12.50", "EUR"))
                        .name("Green tea")
                        .build())
                .build();
        analytics.orderPlaced(tea, Identity.guest("Jane.Doe@Example.com"));
        reported.add(ExpectedEvent.of(tea, Identity.guest("Jane.Doe@Example.com")));

        Order poster = Order.builder("ord_1003", Money.of("1200", "JPY"))
                .placedAt(now)
                .property("channel", "mobile")
                .build();
        Identity visitor = Identity.anonymous("0192f7a3-5c1e-7d2a-9b4f-3e8a1c6d2f10")
                .withSessionId(BrowserIds.sessionStartedAt(now.minusSeconds(300)));
        analytics.orderPlaced(poster, visitor);
        reported.add(ExpectedEvent.of(poster, visitor));

        // One mug came back broken: 20.00 of revenue and its 3.20 of tax given back.
        Refund brokenMug = Refund.builder(mugs, "re_77", Money.of("23.20", "EUR"))
                .refundedAt(now)
                .tax(Money.of("3.20", "EUR"))
                .reason("damaged")
                .item(LineItem.builder("prod_7", 1, Money.of("20.00", "EUR")).build())
                .build();
        analytics.orderRefunded(brokenMug, Identity.customer("cus_42"));
        reported.add(ExpectedEvent.of(brokenMug, Identity.customer("cus_42")));

        // The tea was called off after payment: the money goes back in full, then the order is cancelled.
        Identity guest = Identity.guest("Jane.Doe@Example.com");
        Refund teaBack =
                Refund.builder(tea, "re_78", tea.total()).refundedAt(now).build();
        analytics.orderRefunded(teaBack, guest);
        Cancellation teaOff = Cancellation.builder("ord_1002")
                .cancelledAt(now)
                .reason("customer_request")
                .build();
        analytics.orderCancelled(teaOff, guest);
        reported.add(ExpectedEvent.of(teaBack, guest));
        reported.add(ExpectedEvent.of(teaOff, guest));
        return reported;
    }

    private static void printStats(DeliveryStats stats) {
        System.out.println("Delivery: accepted " + stats.accepted() + ", delivered " + stats.delivered()
                + ", dropped " + stats.droppedTotal() + ", retried requests " + stats.retriedRequests()
                + ", still queued " + stats.queueDepth());
    }
}
