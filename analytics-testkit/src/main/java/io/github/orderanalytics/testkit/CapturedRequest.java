package io.github.orderanalytics.testkit;

import io.github.orderanalytics.posthog.PostHogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request {@link FakePostHog} received, and how it answered.
 *
 * @param method the HTTP method
 * @param path the request path, {@code /batch/} for the capture API
 * @param headers request headers, names in lower case
 * @param gzipped whether the body came with {@code Content-Encoding: gzip}
 * @param body the body as text, after gunzipping
 * @param apiKey the {@code api_key} of the body, or null
 * @param events the events of the body's {@code batch}, parsed back (numbers as exact decimals)
 * @param answer how the fake answered
 * @param receivedAt when the request arrived
 * @param violations the events real PostHog would drop or alter, with the rule each broke; they do not
 *     count as delivered
 * @since 0.1.0
 */
public record CapturedRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        boolean gzipped,
        String body,
        @Nullable String apiKey,
        List<PostHogEvent> events,
        FakeResponse answer,
        Instant receivedAt,
        List<RuleViolation> violations) {

    /** The events PostHog would ingest from this request, if it answered with a 2xx: the events less the violations. */
    public List<PostHogEvent> ingested() {
        if (!accepted()) {
            return List.of();
        }
        if (violations.isEmpty()) {
            return events;
        }
        return events.stream()
                .filter(e -> violations.stream().noneMatch(v -> v.event() == e))
                .toList();
    }

    /** The first value of header {@code name} (any case), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the body carries PostHog's {@code historical_migration: true} (backfills; see the client's option). */
    public boolean historicalMigration() {
        try {
            return FakeWire.JSON.readTree(body).path("historical_migration").asBoolean(false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    /** Whether the fake answered with a 2xx, so the events count as delivered. */
    public boolean accepted() {
        return answer.status() >= 200 && answer.status() < 300;
    }

    @Override
    public String toString() {
        return method + " " + path + " with " + events.size() + " event(s) -> " + answer
                + (violations.isEmpty() ? "" : ", " + violations.size() + " breaking PostHog's rules");
    }
}
