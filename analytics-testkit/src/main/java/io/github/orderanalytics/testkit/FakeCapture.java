package io.github.orderanalytics.testkit;

import com.sun.net.httpserver.HttpExchange;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link FakePostHog}'s capture side: the scripted answers and rules, every request and what was stored
 * of it, the browser's events, and the waits on them, all under one lock.
 */
final class FakeCapture {
    final Object lock = new Object();
    final Deque<FakeResponse> script = new ArrayDeque<>();
    final List<CapturedRequest> requests = new ArrayList<>();
    final List<PostHogEvent> browserEvents = new ArrayList<>();
    /** Requests whose answer was sent: only their events count as delivered. */
    private final Set<CapturedRequest> answered = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The events of each answered request that the fake stored: all but those dropped silently. */
    private final Map<CapturedRequest, List<PostHogEvent>> stored = new IdentityHashMap<>();
    /** Events held as stored without a request: for tests of reconciliation at a scale HTTP would take minutes for. */
    private final List<PostHogEvent> preloaded = new ArrayList<>();

    Supplier<FakeResponse> defaultResponse = FakeResponse::ok;
    boolean keepRequests = true;
    Consumer<CapturedRequest> onRequest = r -> {};
    Predicate<PostHogEvent> rejectWhere = e -> false;
    Predicate<PostHogEvent> dropSilentlyWhere = e -> false;

    /** The stored events in (timestamp, uuid) order, for the query API, and how many there were. */
    private List<PostHogEvent> sortedStored = List.of();

    private int sortedStoredCount = -1;

    /** Forgets requests, stored events, scripted answers and rules. */
    void reset() {
        synchronized (lock) {
            requests.clear();
            browserEvents.clear();
            answered.clear();
            script.clear();
            defaultResponse = FakeResponse::ok;
            rejectWhere = e -> false;
            dropSilentlyWhere = e -> false;
            stored.clear();
            preloaded.clear();
            sortedStoredCount = -1;
            keepRequests = true;
            onRequest = r -> {};
        }
    }

    /** Held lock: what PostHog would have stored, from acknowledged requests (and what was preloaded). */
    List<PostHogEvent> delivered() {
        List<PostHogEvent> fromRequests = requests.stream()
                .filter(r -> answered.contains(r))
                .flatMap(r -> stored.getOrDefault(r, r.ingested()).stream())
                .collect(Collectors.toUnmodifiableList());
        if (preloaded.isEmpty()) {
            return fromRequests;
        }
        List<PostHogEvent> all = new ArrayList<>(preloaded.size() + fromRequests.size());
        all.addAll(preloaded);
        all.addAll(fromRequests);
        return Collections.unmodifiableList(all);
    }

    void preload(List<PostHogEvent> events) {
        synchronized (lock) {
            preloaded.addAll(events);
        }
    }

    /** The stored events in (timestamp, uuid) order, sorted again only when their number changed. */
    List<PostHogEvent> sortedStored() {
        synchronized (lock) {
            List<PostHogEvent> all = delivered();
            if (all.size() != sortedStoredCount) {
                List<PostHogEvent> sorted = new ArrayList<>(all);
                sorted.sort(FakeQueryApi.ORDER);
                sortedStored = Collections.unmodifiableList(sorted);
                sortedStoredCount = all.size();
            }
            return sortedStored;
        }
    }

    /** Held lock: the violations in acknowledged requests. */
    List<RuleViolation> acknowledgedViolations() {
        return requests.stream()
                .filter(r -> r.accepted() && answered.contains(r))
                .flatMap(r -> r.violations().stream())
                .toList();
    }

    /** Held lock: the violations, for a failure message, or nothing. */
    String violationsText() {
        List<RuleViolation> all = acknowledgedViolations();
        return all.isEmpty() ? "" : "\nbreaking PostHog's rules, so not counted: " + all;
    }

    /**
     * Waits under the lock until {@code done} holds, or fails with {@code failure}'s message once {@code timeout}
     * has passed.
     */
    void await(BooleanSupplier done, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for FakePostHog", e);
                }
            }
        }
    }

    /** What posthog-js sent: kept beside the server's events. */
    void browser(HttpExchange exchange, byte[] raw, Instant receivedAt) throws IOException {
        List<PostHogEvent> fromBrowser = BrowserCapture.handle(exchange, raw, receivedAt);
        synchronized (lock) {
            browserEvents.addAll(fromBrowser);
            lock.notifyAll();
        }
    }

    /** A capture request: answered by the script, PostHog's rules or the default, and recorded. */
    void batch(HttpExchange exchange, byte[] raw, Instant receivedAt) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        boolean gzipped = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        String path = exchange.getRequestURI().getPath();
        FakeWire.Batch batch = FakeWire.read(raw, gzipped, receivedAt);
        FakeResponse answer;
        synchronized (lock) {
            if (!exchange.getRequestMethod().equals("POST") || !(path.equals("/batch/") || path.equals("/batch"))) {
                answer = FakeResponse.status(404);
            } else if (!script.isEmpty()) {
                answer = script.poll();
            } else if (batch.size() >= CaptureRules.MAX_REQUEST_BYTES) {
                answer = FakeResponse.status(413); // PostHog refuses requests of 20 MB or more
            } else if (batch.valid() && batch.apiKey() == null) {
                answer = FakeResponse.status(401); // as PostHog answers a batch without a project key
            } else if (!batch.valid() || batch.events().stream().anyMatch(rejectWhere)) {
                answer = FakeResponse.status(400);
            } else {
                answer = defaultResponse.get();
            }
        }
        CapturedRequest request = new CapturedRequest(
                exchange.getRequestMethod(),
                path,
                Collections.unmodifiableMap(headers),
                gzipped,
                batch.body(),
                batch.apiKey(),
                batch.events(),
                answer,
                receivedAt,
                batch.violations());
        Consumer<CapturedRequest> listener;
        synchronized (lock) {
            if (keepRequests) {
                requests.add(request);
            }
            listener = onRequest;
            lock.notifyAll();
        }
        if (!answer.delay().isZero() && answer.bodyMode() != FakeResponse.BodyMode.STALLS) {
            if (!FakeWire.pause(answer.delay())) {
                return;
            }
        }
        synchronized (lock) {
            // Before the answer goes out, so a client that has seen it finds the events here.
            if (keepRequests) {
                answered.add(request);
                if (answer.status() < 300) {
                    stored.put(
                            request,
                            request.ingested().stream()
                                    .filter(dropSilentlyWhere.negate())
                                    .toList());
                }
            }
            lock.notifyAll();
        }
        listener.accept(request);
        // Closing the exchange before any response drops the connection.
        if (!answer.isDisconnect() && answer.bodyMode() != FakeResponse.BodyMode.LOST) {
            FakeWire.respond(exchange, answer);
        }
    }
}
