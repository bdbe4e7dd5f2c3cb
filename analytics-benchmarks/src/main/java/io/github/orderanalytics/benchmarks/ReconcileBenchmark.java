package io.github.orderanalytics.benchmarks;

import com.sun.management.ThreadMXBean;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import io.github.orderanalytics.posthog.EncodedEvent;
import io.github.orderanalytics.posthog.PostHogEventMapper;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.posthog.reconcile.ExpectedEvent;
import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import io.github.orderanalytics.posthog.reconcile.PostHogReconciler;
import io.github.orderanalytics.posthog.reconcile.Reconciliation;
import io.github.orderanalytics.testkit.FakePostHog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a reconciliation costs the application: a one-day check of a shop's 50,000 orders against a
 * FakePostHog holding them all. Measured on the checking thread alone (its CPU time and the bytes it
 * allocated, from the JVM's thread counters), so the fake's own work on its threads is left out; and the
 * heap the check holds for the day's slice, read as the shop's last expected event is handed over (after
 * a full GC), less the heap before: the expected events are the shop's objects, made as the stream is
 * read, so what is held then is what the check keeps of them. Also the number of queries the check made.
 *
 * <pre>
 * ./mvnw -q -pl analytics-benchmarks -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=cp.txt
 * java -Xmx1g -cp "$(cat analytics-benchmarks/cp.txt):analytics-benchmarks/target/classes" \
 *     io.github.orderanalytics.benchmarks.ReconcileBenchmark
 * </pre>
 */
public final class ReconcileBenchmark {
    private ReconcileBenchmark() {}

    private static final int ORDERS = 50_000;
    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        Instant day = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (FakePostHog posthog = FakePostHog.start();
                PostHogOrderAnalytics client =
                        PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            PostHogEventMapper mapper = PostHogEventMapper.create(client.config());
            List<EncodedEvent> sent = new ArrayList<>(ORDERS);
            for (int i = 0; i < ORDERS; i++) {
                ExpectedEvent e = expected(day, i);
                sent.add(mapper.encode(e.event(), e.identity()));
            }
            client.sendNow(sent);
            sent = null;
            PostHogReconciler reconciler = PostHogReconciler.create(client);
            long[] cpu = new long[RUNS];
            long[] allocated = new long[RUNS];
            long[] retained = new long[RUNS];
            int queries = 0;
            for (int run = 0; run < RUNS; run++) {
                long[] held = new long[1];
                long before = usedAfterGc();
                // Read when the last expected event is handed over: the slice then holds all the others.
                ExpectedOrderEvents records = (from, to) -> IntStream.range(0, ORDERS)
                        .peek(i -> {
                            if (i == ORDERS - 1) {
                                held[0] = usedAfterGc();
                            }
                        })
                        .mapToObj(i -> expected(day, i));
                int queriesBefore = posthog.queries().size();
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long allocatedBefore =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                Reconciliation result = reconciler.check(day, day.plus(Duration.ofDays(1)), records);
                cpu[run] = threads.getCurrentThreadCpuTime() - cpuBefore;
                allocated[run] =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
                retained[run] = held[0] - before;
                queries = posthog.queries().size() - queriesBefore;
                if (result.found() != ORDERS || !result.isComplete()) {
                    throw new IllegalStateException("the check did not find every order: " + result);
                }
            }
            // What making the shop's events costs this thread, warm like the checks, to tell it from their own cost.
            long[] making = new long[RUNS];
            long[] makingAllocated = new long[RUNS];
            for (int run = 0; run < RUNS; run++) {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long allocatedBefore =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                long sink = 0;
                for (int i = 0; i < ORDERS; i++) {
                    sink += expected(day, i).event().orderId().length();
                }
                making[run] = threads.getCurrentThreadCpuTime() - cpuBefore;
                makingAllocated[run] =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
                if (sink == 0) {
                    throw new IllegalStateException();
                }
            }
            System.out.printf(
                    "one-day check of %,d orders, %d runs (the first a warm-up), medians of the rest:%n", ORDERS, RUNS);
            System.out.printf(
                    "  CPU on the checking thread: %,d ns per expected event, of which making the shop's events %,d%n",
                    median(cpu) / ORDERS, median(making) / ORDERS);
            System.out.printf(
                    "  allocated on it: %,d bytes per expected event, of which making the shop's events %,d%n",
                    median(allocated) / ORDERS, median(makingAllocated) / ORDERS);
            System.out.printf("  held for the slice: %,d bytes per expected event%n", median(retained) / ORDERS);
            System.out.printf("  queries: %d (pages of %,d rows)%n", queries, PostHogReconciler.DEFAULT_PAGE_SIZE);
        }
    }

    private static ExpectedEvent expected(Instant day, int i) {
        Order order = Order.builder("ord_" + i, Money.of("49.99", "EUR"))
                .placedAt(day.plusMillis(1_700L * i))
                .tax(Money.of("7.99", "EUR"))
                .build();
        return ExpectedEvent.of(order, Identity.customer("cus_" + i % 5_000));
    }

    /** The first run warms up; the median of the others. */
    private static long median(long[] values) {
        long[] measured = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
