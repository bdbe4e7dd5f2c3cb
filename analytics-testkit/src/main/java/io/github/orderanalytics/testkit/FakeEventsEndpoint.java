package io.github.orderanalytics.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What {@link RemoteFakePostHog} reads: {@code GET /fake/events} answers {@link FakePostHog#events()} as a
 * JSON array, each event as it was sent; {@code DELETE} {@linkplain FakePostHog#reset() resets} the fake.
 * Not PostHog's API: a fake started elsewhere (a Quarkus Dev Service) is read through it.
 */
final class FakeEventsEndpoint {
    static final String PATH = "/fake/events";

    private FakeEventsEndpoint() {}

    static void answer(HttpExchange exchange, FakePostHog posthog) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                StringBuilder json = new StringBuilder("[");
                for (PostHogEvent event : posthog.events()) {
                    json.append(json.length() > 1 ? "," : "").append(event.toJson());
                }
                byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            case "DELETE" -> {
                posthog.reset();
                exchange.sendResponseHeaders(204, -1);
            }
            default -> exchange.sendResponseHeaders(405, -1);
        }
    }
}
