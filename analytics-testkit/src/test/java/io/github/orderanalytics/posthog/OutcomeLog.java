package io.github.orderanalytics.posthog;

import io.github.orderanalytics.Identity;
import io.github.orderanalytics.OrderEvent;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link DeliveryListener} that keeps every outcome, to check that each event has exactly one. */
final class OutcomeLog implements DeliveryListener {
    /** "delivered" or the drop reason, per uuid, in the order they came. */
    final ConcurrentLinkedQueue<Map.Entry<UUID, String>> outcomes = new ConcurrentLinkedQueue<>();

    @Override
    public void onDelivered(OrderEvent event, Identity identity, UUID uuid) {
        outcomes.add(Map.entry(uuid, "delivered"));
    }

    @Override
    public void onDropped(OrderEvent event, Identity identity, UUID uuid, DropReason reason) {
        outcomes.add(Map.entry(uuid, reason.name()));
    }

    /** Outcomes per uuid; fails if any uuid had more than one. */
    Map<UUID, String> single() {
        Map<UUID, String> byUuid = new ConcurrentHashMap<>();
        for (Map.Entry<UUID, String> e : outcomes) {
            String earlier = byUuid.putIfAbsent(e.getKey(), e.getValue());
            if (earlier != null) {
                throw new AssertionError(
                        "uuid " + e.getKey() + " had two outcomes: " + earlier + " and " + e.getValue());
            }
        }
        return byUuid;
    }
}
