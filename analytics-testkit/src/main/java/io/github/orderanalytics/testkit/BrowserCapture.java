package io.github.orderanalytics.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@link FakePostHog} does for posthog-js: the endpoints a browser calls, the bodies it sends
 * (plain, {@code compression=gzip-js}, {@code compression=base64} in a {@code data=} form), and CORS,
 * since a page served by the shop calls the fake on another port.
 */
final class BrowserCapture {
    private BrowserCapture() {}

    /** Whether posthog-js, not a server SDK, calls this path. */
    static boolean isBrowserPath(String path) {
        return path.equals("/e/")
                || path.equals("/e")
                || path.startsWith("/i/v0/e")
                || isIgnored(path)
                || isFlags(path)
                || path.startsWith("/array/");
    }

    private static boolean isFlags(String path) {
        return path.startsWith("/flags") || path.startsWith("/decide");
    }

    /** Recordings, surveys, web vitals and the like: accepted, not kept. */
    private static boolean isIgnored(String path) {
        return path.equals("/s") || path.startsWith("/s/") || path.startsWith("/i/v0/s");
    }

    /** Answers a browser's request; returns the events it carried, if any, to record. */
    static List<PostHogEvent> handle(HttpExchange exchange, byte[] raw, Instant receivedAt) throws IOException {
        String path = exchange.getRequestURI().getPath();
        cors(exchange);
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            exchange.sendResponseHeaders(204, -1);
            return List.of();
        }
        if (path.startsWith("/array/")) { // remote config, and its script form
            respond(
                    exchange,
                    path.endsWith(".js") ? "application/javascript" : "application/json",
                    path.endsWith(".js") ? "" : "{}");
            return List.of();
        }
        if (isFlags(path)) {
            respond(
                    exchange,
                    "application/json",
                    "{\"featureFlags\":{},\"flags\":{},\"featureFlagPayloads\":{},\"errorsWhileComputingFlags\":false}");
            return List.of();
        }
        List<PostHogEvent> events = isIgnored(path) ? List.of() : events(exchange, raw, receivedAt);
        respond(exchange, "application/json", "{\"status\":1}");
        return events;
    }

    static void cors(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        var headers = exchange.getResponseHeaders();
        headers.add("Access-Control-Allow-Origin", origin != null ? origin : "*");
        headers.add("Access-Control-Allow-Credentials", "true");
        headers.add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        headers.add("Access-Control-Allow-Headers", asked != null ? asked : "Content-Type");
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
    }

    /** The events of a capture request; what cannot be read is answered 200 and kept out, as a fake should not fail a page. */
    private static List<PostHogEvent> events(HttpExchange exchange, byte[] raw, Instant receivedAt) {
        try {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] json = raw;
            String form = new String(raw, StandardCharsets.ISO_8859_1);
            if (form.startsWith("data=")) {
                String data = URLDecoder.decode(form.substring(5).split("&", 2)[0], StandardCharsets.UTF_8);
                json = data.startsWith("{") || data.startsWith("[")
                        ? data.getBytes(StandardCharsets.UTF_8)
                        : Base64.getMimeDecoder().decode(data);
            } else if (raw.length > 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b) {
                // gzip-js: posthog-js does not always say so in the query, and sends it as text/plain
                json = FakeWire.gunzip(raw);
            } else if (query != null && query.contains("compression=base64")) {
                json = Base64.getMimeDecoder().decode(raw);
            }
            Object body = FakeWire.JSON.readValue(json, Object.class);
            List<?> items = body instanceof Map<?, ?> map && map.get("batch") instanceof List<?> batch
                    ? batch
                    : body instanceof List<?> list ? list : List.of(body);
            List<PostHogEvent> events = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Map<?, ?> e) {
                    events.add(event(e, receivedAt));
                }
            }
            return events;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A browser event: posthog-js puts the distinct id in its properties. */
    @SuppressWarnings("unchecked")
    private static PostHogEvent event(Map<?, ?> e, Instant receivedAt) {
        Map<String, Object> properties = e.get("properties") instanceof Map<?, ?> p
                ? Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) p))
                : Map.of();
        Object distinctId = e.get("distinct_id") != null ? e.get("distinct_id") : properties.get("distinct_id");
        Object uuid = e.get("uuid");
        Object timestamp = e.get("timestamp");
        return new PostHogEvent(
                String.valueOf(e.get("event")),
                String.valueOf(distinctId),
                uuid instanceof String u ? UUID.fromString(u) : UUID.randomUUID(),
                timestamp instanceof String t ? timestamp(t, receivedAt) : receivedAt,
                properties);
    }

    private static Instant timestamp(String text, Instant otherwise) {
        try {
            return FakeWire.timestamp(text);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
