package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Web containers recycle their threads: nothing of ours may stay on a caller's thread after a call,
 * or it outlives the request (and, on redeploy, the application's class loader).
 */
class NoThreadLocalsTest {

    @Test
    void noCallLeavesAThreadLocalOnTheCallersThread() throws Exception {
        try (FakePostHog posthog = FakePostHog.start();
                PostHogOrderAnalytics client =
                        PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
            PostHogEventMapper mapper =
                    PostHogEventMapper.create(posthog.clientConfig().build());
            RecordingOrderAnalytics recording = RecordingOrderAnalytics.create();
            CompletableFuture<Object> left = new CompletableFuture<>();

            Thread caller = new Thread(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        client.orderPlaced(Orders.order("ord_client_" + i), Identity.guest("jane@example.com"));
                        mapper.orderPlaced(Orders.order("ord_mapper_" + i), Identity.guest("jane@example.com"));
                        recording.orderPlaced(Orders.order("ord_recorded_" + i), Identity.customer("cus_42"));
                    }
                    left.complete(threadLocals(Thread.currentThread()));
                } catch (Throwable t) {
                    left.completeExceptionally(t);
                }
            });
            caller.start();

            assertThat(left.get())
                    .as("the ThreadLocals left on the caller's thread")
                    .isEqualTo(List.of());
            assertThat(recording.events()).hasSize(3);
        }
    }

    /**
     * The ThreadLocals set on {@code thread}, each as the class of the ThreadLocal and of its value, but those
     * the JDK keeps for itself with a value of its own classes (Java 25's {@code java.security.Provider}
     * caches a lookup key per thread when a digest is asked for): those hold no class of an application's
     * class loader, so they pin nothing when it is redeployed.
     */
    private static List<String> threadLocals(Thread thread) throws ReflectiveOperationException {
        Field mapField = Thread.class.getDeclaredField("threadLocals");
        mapField.setAccessible(true); // opened to the tests by the surefire configuration
        Object map = mapField.get(thread);
        if (map == null) {
            return List.of();
        }
        Field tableField = map.getClass().getDeclaredField("table");
        tableField.setAccessible(true);
        List<String> found = new ArrayList<>();
        for (Object entry : (Object[]) tableField.get(map)) {
            if (entry == null) {
                continue;
            }
            Object local = ((java.lang.ref.Reference<?>) entry).get();
            Field valueField = entry.getClass().getDeclaredField("value");
            valueField.setAccessible(true);
            Object value = valueField.get(entry);
            if (isTheJdks(local) && isTheJdks(value)) {
                continue;
            }
            found.add((local == null ? "(collected)" : local.getClass().getName()) + " = "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return found;
    }

    private static boolean isTheJdks(Object o) {
        ClassLoader loader = o == null ? null : o.getClass().getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
