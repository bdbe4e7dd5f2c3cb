package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;

/**
 * Run in a JVM of its own by {@link ShutdownHookTest}: places orders through {@code shared()} and
 * returns from {@code main} without closing anything.
 */
public final class ShutdownHookMain {
    private ShutdownHookMain() {}

    public static void main(String[] args) {
        int orders = Integer.parseInt(args[0]);
        PostHogOrderAnalytics analytics = PostHogOrderAnalytics.shared();
        for (int i = 0; i < orders; i++) {
            analytics.orderPlaced(Orders.order("ord_" + i), Identity.customer("cus_" + i));
        }
        if (PostHogOrderAnalytics.shared() != analytics) {
            throw new AssertionError("shared() must return one instance");
        }
        System.out.println("placed " + orders);
    }
}
