package io.github.orderanalytics.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@link FakePostHog}'s query API: scripted answers first, else {@link FakeQueryApi} over what was stored. */
final class FakeQueryEndpoint {
    private final Object lock = new Object();
    private final Deque<FakeResponse> script = new ArrayDeque<>();
    private final List<CapturedQuery> queries = new ArrayList<>();
    private ZoneId projectZone = ZoneOffset.UTC;

    void enqueue(FakeResponse... responses) {
        synchronized (lock) {
            Collections.addAll(script, responses);
        }
    }

    void projectZone(ZoneId zone) {
        synchronized (lock) {
            projectZone = zone;
        }
    }

    List<CapturedQuery> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    void reset() {
        synchronized (lock) {
            script.clear();
            projectZone = ZoneOffset.UTC;
        }
    }

    /** A query: a scripted answer, else one from {@code stored}, the events stored so far in query order. */
    void answer(HttpExchange exchange, byte[] raw, Supplier<List<PostHogEvent>> stored) throws IOException {
        FakeResponse scripted;
        ZoneId zone;
        synchronized (lock) {
            scripted = script.poll();
            zone = projectZone;
        }
        if (scripted != null) {
            synchronized (queries) {
                queries.add(new CapturedQuery("(scripted answer)", Map.of(), scripted.status()));
            }
            FakeWire.respond(exchange, scripted);
            return;
        }
        FakeQueryApi.Answer answer = FakeQueryApi.answer(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                raw,
                stored.get(),
                zone,
                queries);
        byte[] out = FakeWire.COMPACT.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
    }
}
