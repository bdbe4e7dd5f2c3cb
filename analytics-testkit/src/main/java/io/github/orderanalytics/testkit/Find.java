package io.github.orderanalytics.testkit;

import io.github.orderanalytics.OrderEvent;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Looks up the event of one order, refund or cancellation, failing with everything that was there. */
final class Find {
    private Find() {}

    private static final String PLACED = OrderEvent.Kind.PLACED.eventName();

    /** Exactly one {@code order_placed} event for each of {@code orderIds}, and no other order placed. */
    static void exactlyPlaced(List<PostHogEvent> events, List<String> orderIds, String verb) {
        List<Object> actual = events.stream()
                .filter(e -> PLACED.equals(e.event()))
                .map(e -> e.properties().get("order_id"))
                .sorted(Comparator.comparing(String::valueOf))
                .collect(Collectors.toList());
        List<Object> expected = orderIds.stream().sorted().collect(Collectors.toList());
        if (!actual.equals(expected)) {
            throw new AssertionError(String.format(
                    "Expected exactly the orders %s placed, one order_placed event each, but %s: %s",
                    expected, verb, Describe.postHogEvents(events)));
        }
    }

    /** The one event of {@code kind} for {@code orderId} (and {@code refundId}, when not null). */
    static PostHogEvent one(
            List<PostHogEvent> events, OrderEvent.Kind kind, String orderId, @Nullable String refundId, String verb) {
        List<PostHogEvent> matches = events.stream()
                .filter(e -> kind.eventName().equals(e.event()))
                .filter(e -> orderId.equals(e.properties().get("order_id")))
                .filter(e -> refundId == null
                        || Objects.equals(refundId, e.properties().get("refund_id")))
                .collect(Collectors.toList());
        if (matches.size() != 1) {
            String what = refundId == null ? "order " + orderId : "refund " + refundId + " of order " + orderId;
            throw new AssertionError(String.format(
                    "Expected one %s event for %s but %s %d: %s",
                    kind.eventName(), what, verb, matches.size(), Describe.postHogEvents(events)));
        }
        return matches.get(0);
    }
}
