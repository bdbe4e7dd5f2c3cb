package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.List;
import java.util.stream.Collectors;

/** Looks up the event of one order, failing with everything that was there. */
final class Find {
    private Find() {}

    static void exactly(List<PostHogEvent> events, List<String> orderIds, String verb) {
        List<Object> actual = events.stream()
                .map(e -> e.properties().get("order_id"))
                .sorted(java.util.Comparator.comparing(String::valueOf))
                .collect(Collectors.toList());
        List<Object> expected = orderIds.stream().sorted().collect(Collectors.toList());
        if (!actual.equals(expected)) {
            throw new AssertionError(String.format(
                    "Expected exactly the orders %s, one event each, but %s: %s",
                    expected, verb, Describe.postHogEvents(events)));
        }
    }

    static PostHogEvent oneOrder(List<PostHogEvent> events, String orderId, String verb) {
        List<PostHogEvent> matches = events.stream()
                .filter(e -> orderId.equals(e.properties().get("order_id")))
                .collect(Collectors.toList());
        if (matches.size() != 1) {
            throw new AssertionError(String.format(
                    "Expected one order_placed event for order %s but %s %d: %s",
                    orderId, verb, matches.size(), Describe.postHogEvents(events)));
        }
        return matches.get(0);
    }
}
