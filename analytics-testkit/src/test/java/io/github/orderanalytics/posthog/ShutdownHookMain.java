package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;

/**
 * Run in a JVM of its own by {@link ShutdownHookTest}: places orders through {@code shared()} and
 * returns from {@code main} without closing anything; with {@code from-hook}, makes its first call
 * to {@code shared()} from a shutdown hook instead.
 */
public final class ShutdownHookMain {
    private ShutdownHookMain() {}

    public static void main(String[] args) {
        int orders = Integer.parseInt(args[0]);
        if (args.length > 1 && args[1].equals("from-hook")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> placeOrders(orders)));
            return;
        }
        placeOrders(orders);
    }

    private static void placeOrders(int orders) {
        PostHogOrderAnalytics analytics = PostHogOrderAnalytics.shared();
        for (int i = 0; i < orders; i++) {
            analytics.orderPlaced(Orders.order("ord_" + i), Identity.customer("cus_" + i));
        }
        if (PostHogOrderAnalytics.shared() != analytics) {
            throw new AssertionError("shared() must return one instance");
        }
        boolean threads = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("order-analytics-"));
        System.out.println("placed " + orders + ", client threads: " + threads + ", " + analytics.stats());
    }
}
