package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogOrderAnalytics;
import io.github.orderanalytics.posthog.reconcile.ExpectedOrderEvents;
import io.github.orderanalytics.posthog.reconcile.PostHogReconciler;
import io.github.orderanalytics.posthog.reconcile.Reconciliation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.stream.LongStream;

/**
 * The reconciling JVM of {@link ReconcileAtScaleTest}, started with a small heap: checks a year of
 * {@link ScaleEvents} against the FakePostHog at {@code args[0]} through {@link ExpectedOrderEvents},
 * slice by slice, and prints what it found and the heap it needed at most.
 */
public final class ReconcileAtScaleMain {
    private ReconcileAtScaleMain() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        long events = Long.parseLong(args[1]);
        PostHogConfig config = PostHogConfig.builder()
                .apiKey(FakePostHog.API_KEY)
                .host(host)
                .personalApiKey(FakePostHog.PERSONAL_API_KEY)
                .projectId(FakePostHog.PROJECT_ID)
                .appHost(host)
                .build();
        ExpectedOrderEvents records = (from, to) -> LongStream.range(
                        ScaleEvents.firstAtOrAfter(from), Math.min(events, ScaleEvents.firstAtOrAfter(to)))
                .mapToObj(ScaleEvents::expected);
        try (PostHogOrderAnalytics client = PostHogOrderAnalytics.create(config)) {
            long started = System.nanoTime();
            Reconciliation result =
                    PostHogReconciler.create(client).check(ScaleEvents.START, ScaleEvents.time(events), records);
            long nanos = System.nanoTime() - started;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("expected=" + result.expected() + " found=" + result.found() + " missing="
                    + result.missing().size() + " unexpected="
                    + result.unexpected().size() + " mismatched="
                    + result.mismatched().size() + " seconds=" + nanos / 1_000_000_000.0 + " peakHeapMiB="
                    + peak / (1024 * 1024) + " maxHeapMiB="
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }
}
