package io.github.orderanalytics.outbox;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What PostHog received, held against what the database committed: the outbox's promise is every
 * committed event, and nothing else; a uuid taken twice is allowed (PostHog keeps one) and counted.
 *
 * @param missing committed, never received
 * @param notCommitted received, never committed
 * @param received each uuid received
 * @param duplicates how many uuids were received more than once
 */
record Arrivals(Set<UUID> missing, Set<UUID> notCommitted, Set<UUID> received, long duplicates) {

    static Arrivals of(Set<UUID> committed, List<PostHogEvent> events) {
        Map<UUID, Integer> times = new HashMap<>();
        for (PostHogEvent e : events) {
            times.merge(e.uuid(), 1, Integer::sum);
        }
        Set<UUID> missing = new HashSet<>(committed);
        missing.removeAll(times.keySet());
        Set<UUID> notCommitted = new HashSet<>(times.keySet());
        notCommitted.removeAll(committed);
        long duplicates = times.values().stream().filter(n -> n > 1).count();
        return new Arrivals(missing, notCommitted, times.keySet(), duplicates);
    }
}
