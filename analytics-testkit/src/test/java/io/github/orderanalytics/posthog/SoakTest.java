package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Cancellation;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.LineItem;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.Refund;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.FakeResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A million events through {@link FakePostHog} with faults injected at random, of every kind as a shop
 * has them (80 % orders placed, 15 % refunds, 5 % cancellations): every event must end delivered or
 * dropped with a reason, exactly once. Not in the default build; run it with
 * {@code ./mvnw -Psoak -pl analytics-testkit -am verify}. Writes {@code target/soak-report.md}.
 */
@Tag("soak")
class SoakTest {
    private static final int EVENTS = 1_000_000;
    private static final int PRODUCERS = 4;
    private static final int DELIVERED = 1;
    /** Offered load, events per second over all producers: a busy shop, well within what the client sends. */
    private static final int RATE = Integer.getInteger("soak.rate", 10_000);

    @Test
    void aMillionEventsUnderRandomFaultsAreAllAccountedFor() throws Exception {
        AtomicIntegerArray outcome = new AtomicIntegerArray(EVENTS); // 0 none, 1 delivered, 2+ drop reason
        AtomicIntegerArray received = new AtomicIntegerArray(EVENTS); // copies acknowledged by the fake
        AtomicLong doubleOutcomes = new AtomicLong();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
                record(event, DELIVERED);
            }

            @Override
            public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {
                record(event, 2 + reason.ordinal());
            }

            private void record(OrderEvent event, int value) {
                if (!outcome.compareAndSet(index(event.orderId()), 0, value)) {
                    doubleOutcomes.incrementAndGet();
                }
            }
        };

        try (FakePostHog posthog = FakePostHog.start()) {
            posthog.keepRequests(false)
                    .onRequest(r -> {
                        if (r.accepted()) {
                            r.events()
                                    .forEach(e -> received.incrementAndGet(
                                            index((String) e.properties().get("order_id"))));
                        }
                    })
                    .rejectEventsWhere(e -> index((String) e.properties().get("order_id")) % 50_000 == 7)
                    .respondByDefault(Boolean.getBoolean("soak.noFaults") ? FakeResponse::ok : SoakTest::randomAnswer);
            PostHogConfig config = posthog.clientConfig()
                    .profile(PostHogConfig.Profile.PRODUCTION)
                    // 5 s of RATE: the ~0.3 s outages plus the backoff after them must fit.
                    .maxQueueSize(50_000)
                    .initialBackoff(Duration.ofMillis(50))
                    .maxBackoff(Duration.ofSeconds(1))
                    .requestTimeout(Duration.ofSeconds(1))
                    .shutdownTimeout(Duration.ofSeconds(30))
                    .deliveryListener(listener)
                    .build();

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong maxHeap = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicReference<PostHogOrderAnalytics> analyticsRef =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread chaos = new Thread(
                    () -> {
                        long tick = 0;
                        while (running.get()) {
                            maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                            if (Boolean.getBoolean("soak.trace") && tick % 2 == 0) {
                                DeliveryStats now = analyticsRef.get().stats();
                                System.out.println(tick + " depth=" + now.queueDepth() + " full="
                                        + now.dropped(DropReason.QUEUE_FULL) + " retried=" + now.retriedRequests());
                            }
                            if (++tick % 40 == 0
                                    && !Boolean.getBoolean("soak.noFaults")) { // every ~2 s, an outage of ~300 ms
                                posthog.refuseConnections();
                                LockSupport.parkNanos(300_000_000L);
                                posthog.acceptConnections();
                            }
                            LockSupport.parkNanos(50_000_000L);
                        }
                    },
                    "soak-chaos");

            Instant start = Instant.now();
            PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(config);
            analyticsRef.set(analytics);
            chaos.start();
            ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                done.add(producers.submit(() -> {
                    Order template = Order.builder("ord_0", Money.of("49.99", "EUR"))
                            .tax(Money.of("7.99", "EUR"))
                            .item(LineItem.builder("prod_7", 2, Money.of("21.00", "EUR"))
                                    .name("Mug")
                                    .build())
                            .build();
                    long begin = System.nanoTime();
                    long sent = 0;
                    for (int i = producer; i < EVENTS; i += PRODUCERS) {
                        if (++sent % 100 == 0) { // keep to RATE: park until this event is due
                            LockSupport.parkNanos(
                                    begin + sent * 1_000_000_000L / (RATE / PRODUCERS) - System.nanoTime());
                        }
                        Identity identity = i % 3 == 0
                                ? Identity.guest("buyer" + i + "@example.com")
                                : Identity.customer("cus_" + (i % 5_000));
                        kindOf(i, template).reportTo(analytics, identity);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            producers.shutdown();
            running.set(false);
            chaos.join();
            posthog.acceptConnections();
            posthog.respondByDefault(FakeResponse.ok());
            analytics.close();
            Duration took = Duration.between(start, Instant.now());
            DeliveryStats stats = analytics.stats();

            long none = 0;
            long deliveredNotReceived = 0;
            long duplicates = 0;
            long droppedButReceived = 0;
            long misRejected = 0;
            int rejected = 2 + DropReason.REJECTED.ordinal();
            int queueFull = 2 + DropReason.QUEUE_FULL.ordinal();
            for (int i = 0; i < EVENTS; i++) {
                int o = outcome.get(i);
                boolean bad = i % 50_000 == 7;
                misRejected += bad && o != rejected && o != queueFull || !bad && o == rejected ? 1 : 0;
                int copies = received.get(i);
                none += o == 0 ? 1 : 0;
                deliveredNotReceived += o == DELIVERED && copies == 0 ? 1 : 0;
                duplicates += Math.max(0, copies - 1);
                droppedButReceived += o > DELIVERED && copies > 0 ? 1 : 0;
            }
            String report =
                    report(stats, took, maxHeap.get(), none, deliveredNotReceived, duplicates, droppedButReceived);
            System.out.println(report);
            Files.writeString(Path.of("target", "soak-report.md"), report);

            assertThat(stats.accepted()).isEqualTo(EVENTS);
            assertThat(stats.of(OrderEvent.Kind.PLACED).accepted()).isEqualTo(EVENTS / 20 * 16);
            assertThat(stats.of(OrderEvent.Kind.REFUNDED).accepted()).isEqualTo(EVENTS / 20 * 3);
            assertThat(stats.of(OrderEvent.Kind.CANCELLED).accepted()).isEqualTo(EVENTS / 20);
            for (OrderEvent.Kind kind : OrderEvent.Kind.values()) {
                DeliveryStats.Counts counts = stats.of(kind);
                assertThat(counts.delivered() + counts.droppedTotal())
                        .as("%s delivered + dropped", kind)
                        .isEqualTo(counts.accepted());
            }
            assertThat(stats.delivered() + stats.droppedTotal()).isEqualTo(stats.accepted());
            assertThat(stats.queueDepth()).isZero();
            assertThat(none).as("events without an outcome").isZero();
            assertThat(doubleOutcomes.get()).as("events with two outcomes").isZero();
            assertThat(deliveredNotReceived)
                    .as("reported delivered but never acknowledged")
                    .isZero();
            assertThat(misRejected)
                    .as("events rejected that were fine, or delivered that were bad")
                    .isZero();
            assertThat(stats.dropped(DropReason.QUEUE_FULL))
                    .as("drops at the call at a sustainable rate")
                    .isLessThan(EVENTS / 100);
        }
    }

    private static FakeResponse randomAnswer() {
        int dice = ThreadLocalRandom.current().nextInt(1000) / 10;
        if (dice < 4) {
            return FakeResponse.status(503);
        } else if (dice < 6) {
            return FakeResponse.status(500);
        } else if (dice < 9) {
            return FakeResponse.status(429).retryAfter("0");
        } else if (dice < 12) {
            return FakeResponse.disconnect();
        } else if (dice < 14) {
            return FakeResponse.ok().delayedBy(Duration.ofMillis(50));
        } else if (ThreadLocalRandom.current().nextInt(500) == 0) {
            return FakeResponse.ok().delayedBy(Duration.ofMillis(1_500)); // past the timeout: a lost response
        }
        return FakeResponse.ok();
    }

    /** Event {@code i} of the mix: of every 20, 16 orders placed, 3 refunds and 1 cancellation. */
    private static OrderEvent kindOf(int i, Order template) {
        String orderId = "ord_" + i;
        int slot = i % 20;
        if (slot < 16) {
            return Order.builder(orderId, template.total())
                    .tax(template.tax().orElseThrow())
                    .items(template.items())
                    .placedAt(template.placedAt())
                    .build();
        }
        if (slot < 19) {
            return Refund.builder(orderId, "re_" + i, Money.of("21.00", "EUR"))
                    .items(template.items().subList(0, 1))
                    .refundedAt(template.placedAt())
                    .reason("damaged")
                    .build();
        }
        return Cancellation.builder(orderId)
                .cancelledAt(template.placedAt())
                .reason("customer_request")
                .build();
    }

    private static int index(String orderId) {
        return Integer.parseInt(orderId.substring("ord_".length()));
    }

    private static String report(
            DeliveryStats stats,
            Duration took,
            long maxHeap,
            long none,
            long deliveredNotReceived,
            long duplicates,
            long droppedButReceived) {
        StringBuilder table = new StringBuilder();
        table.append("| soak: ")
                .append(EVENTS)
                .append(" events, ")
                .append(PRODUCERS)
                .append(" producers at ")
                .append(RATE)
                .append("/s, random faults | count |\n");
        table.append("|---|---:|\n");
        table.append("| accepted | ").append(stats.accepted()).append(" |\n");
        for (OrderEvent.Kind kind : OrderEvent.Kind.values()) {
            table.append("| accepted ")
                    .append(kind.eventName())
                    .append(" / delivered | ")
                    .append(stats.of(kind).accepted())
                    .append(" / ")
                    .append(stats.of(kind).delivered())
                    .append(" |\n");
        }
        table.append("| delivered | ").append(stats.delivered()).append(" |\n");
        for (DropReason reason : DropReason.values()) {
            table.append("| dropped: ")
                    .append(reason)
                    .append(" | ")
                    .append(stats.dropped(reason))
                    .append(" |\n");
        }
        table.append("| delivered + dropped | ")
                .append(stats.delivered() + stats.droppedTotal())
                .append(" |\n");
        table.append("| retried requests | ").append(stats.retriedRequests()).append(" |\n");
        table.append("| events without an outcome | ").append(none).append(" |\n");
        table.append("| reported delivered, never acknowledged | ")
                .append(deliveredNotReceived)
                .append(" |\n");
        table.append("| extra copies at the fake (lost responses) | ")
                .append(duplicates)
                .append(" |\n");
        table.append("| dropped, yet acknowledged once (response lost) | ")
                .append(droppedButReceived)
                .append(" |\n");
        table.append("| max heap used (MiB, test JVM incl. fake) | ")
                .append(maxHeap / (1024 * 1024))
                .append(" |\n");
        table.append("| wall time (s) | ").append(took.toSeconds()).append(" |\n");
        table.append("| JVM | ")
                .append(System.getProperty("java.version"))
                .append(", -Xmx ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB, ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores |\n");
        return table.toString();
    }
}
