package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.testkit.FakePostHog;
import io.github.orderanalytics.testkit.RecordingOrderAnalytics;
import java.lang.reflect.Field;
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

            assertThat(left.get()).as("the caller thread's ThreadLocal map").isNull();
            assertThat(recording.events()).hasSize(3);
        }
    }

    /** The thread's ThreadLocal map: null until some code sets a ThreadLocal on it. */
    private static Object threadLocals(Thread thread) throws ReflectiveOperationException {
        Field field = Thread.class.getDeclaredField("threadLocals");
        field.setAccessible(true); // opened to the tests by the surefire configuration
        return field.get(thread);
    }
}
