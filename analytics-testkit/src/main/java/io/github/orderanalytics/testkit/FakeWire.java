package io.github.orderanalytics.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** How {@link FakePostHog} reads a batch request and writes its answer, faults included. */
final class FakeWire {
    private FakeWire() {}

    // Maps, not trees: a tree would strip the trailing zeros that the amounts are sent with.
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            JSON.writer().without(SerializationFeature.INDENT_OUTPUT);

    /** An endless body stops here if the client never goes away. */
    private static final long ENDLESS_BODY_LIMIT = 256L * 1024 * 1024;

    /** The fault being simulated, not synchronisation: false if the fake is closing. */
    static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void respond(HttpExchange exchange, FakeResponse answer) throws IOException {
        answer.retryAfter().ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
        answer.location().ifPresent(v -> exchange.getResponseHeaders().add("Location", v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        switch (answer.bodyMode()) {
            case STALLS:
                exchange.sendResponseHeaders(answer.status(), 0); // chunked: the client waits for a body
                exchange.getResponseBody().flush();
                pause(answer.delay());
                break;
            case ENDLESS:
                exchange.sendResponseHeaders(answer.status(), 0);
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (long sent = 0; sent < ENDLESS_BODY_LIMIT; sent += chunk.length) {
                    exchange.getResponseBody().write(chunk); // throws once the client has gone
                }
                break;
            default:
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                exchange.getResponseBody().write(out);
        }
    }

    static byte[] gunzip(byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }

    /** ISO-8601 with an offset or a Z, as the clients write it. */
    static Instant timestamp(@Nullable String text) {
        return java.time.OffsetDateTime.parse(Objects.requireNonNull(text, "timestamp"))
                .toInstant();
    }

    /** A request body as read: its text, key, events and the rules they break; {@code valid} if it is a batch. */
    record Batch(
            String body,
            @Nullable String apiKey,
            List<PostHogEvent> events,
            List<RuleViolation> violations,
            int size,
            boolean valid) {}

    /** Reads a request body (gunzipped if {@code gzipped}); a body that is not a batch reads as not valid. */
    static Batch read(byte[] raw, boolean gzipped, Instant receivedAt) {
        int size = raw.length;
        try {
            byte[] json = gzipped ? gunzip(raw) : raw;
            size = json.length;
            String body = new String(json, StandardCharsets.UTF_8);
            Map<?, ?> batch = JSON.readValue(body, java.util.LinkedHashMap.class);
            String apiKey = batch.get("api_key") instanceof String key ? key : null;
            List<PostHogEvent> events = parseEvents(batch.get("batch"));
            List<RuleViolation> violations =
                    CaptureRules.check(events, eventSizes(batch.get("batch")), sentAt(batch), receivedAt);
            return new Batch(body, apiKey, events, List.copyOf(violations), size, !events.isEmpty());
        } catch (IOException | RuntimeException e) {
            return new Batch(new String(raw, StandardCharsets.ISO_8859_1), null, List.of(), List.of(), size, false);
        }
    }

    /** Each event's size as compact JSON, as PostHog measures it against its 1 MB limit. */
    static List<Integer> eventSizes(@Nullable Object batch) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (Object item : (List<?>) Objects.requireNonNull(batch, "batch")) {
            sizes.add(COMPACT.writeValueAsBytes(item).length);
        }
        return sizes;
    }

    /** The batch's {@code sent_at}, if it has a readable one. */
    static java.util.Optional<Instant> sentAt(Map<?, ?> batch) {
        try {
            return java.util.Optional.of(timestamp((String) batch.get("sent_at")));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Parses the batch back into events; anything PostHog would refuse throws. */
    @SuppressWarnings("unchecked")
    static List<PostHogEvent> parseEvents(@Nullable Object batch) {
        if (!(batch instanceof List<?> list)) {
            throw new IllegalArgumentException("batch is not an array");
        }
        List<PostHogEvent> events = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> e = (Map<String, Object>) item;
            Map<String, Object> properties = (Map<String, Object>) e.getOrDefault("properties", Map.of());
            events.add(new PostHogEvent(
                    (String) Objects.requireNonNull(e.get("event"), "event"),
                    (String) Objects.requireNonNull(e.get("distinct_id"), "distinct_id"),
                    UUID.fromString((String) e.get("uuid")),
                    timestamp((String) e.get("timestamp")),
                    Collections.unmodifiableMap(properties)));
        }
        return events;
    }
}
