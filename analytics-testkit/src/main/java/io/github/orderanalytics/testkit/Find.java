package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.List;
import java.util.stream.Collectors;

/** Looks up the event of one order, failing with everything that was there. */
final class Find {
    private Find() {}

    static PostHogEvent oneOrder(List<PostHogEvent> events, String orderId, String verb) {
        List<PostHogEvent> matches = events.stream()
                .filter(e -> orderId.equals(e.properties().get("order_id")))
                .collect(Collectors.toList());
        if (matches.size() != 1) {
            throw new AssertionError(String.format("Expected one order_placed event for order %s but %s %d: %s",
                    orderId, verb, matches.size(), Describe.postHogEvents(events)));
        }
        return matches.get(0);
    }
}
