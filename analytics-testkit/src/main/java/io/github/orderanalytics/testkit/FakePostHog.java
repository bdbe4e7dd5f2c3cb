package io.github.orderanalytics.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.orderanalytics.posthog.PostHogConfig;
import io.github.orderanalytics.posthog.PostHogConfigBuilder;
import io.github.orderanalytics.posthog.PostHogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A PostHog capture endpoint on 127.0.0.1 for tests: real HTTP, gzip-aware, recording every
 * request and the events in it, with scriptable faults.
 *
 * <pre>{@code
 * try (FakePostHog posthog = FakePostHog.start();
 *      PostHogOrderAnalytics analytics = PostHogOrderAnalytics.create(posthog.clientConfig().build())) {
 *     posthog.enqueue(FakeResponse.status(503));          // the first request fails, the retry succeeds
 *     analytics.orderPlaced(order, Identity.customer("cus_42"));
 *     List<PostHogEvent> events = posthog.awaitEvents(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Also takes what posthog-js sends, so a local shop's browser can report to the same fake: {@code
 * /e/}, {@code /i/v0/e/} (plain, {@code compression=gzip-js} or base64 bodies), {@code /flags/}, {@code
 * /decide/} and remote config are answered (with CORS), recordings accepted and ignored; the browser's
 * events are in {@link #browserEvents()}, beside the server's, and {@link FakePostHogAssert#orderJoinedBrowser}
 * checks that an order joined them.
 *
 * <p>Answers {@code POST /batch/} (or {@code /batch}) with the next scripted {@link FakeResponse}, else with a 400 if
 * an event matches {@link #rejectEventsWhere}, else with the default response (200 unless
 * {@link #respondByDefault changed}). A body that is not a valid batch gets a 400, as PostHog
 * gives. Events count as {@linkplain #events() delivered} only when answered with a 2xx.
 * Thread-safe. On first use it sets the system property {@code sun.net.httpserver.nodelay=true}, unless
 * already set, so that the JDK's server answers without Nagle delays.
 *
 * @since 0.1.0
 */
public final class FakePostHog implements AutoCloseable {
    /** The API key {@link #clientConfig()} uses. */
    public static final String API_KEY = "phc_fake_posthog_test_key";

    /** The personal API key the query API takes, and {@link #clientConfig()} uses. */
    public static final String PERSONAL_API_KEY = "phx_fake_posthog_personal_key";

    /** The one project the query API answers for, and {@link #clientConfig()} uses. */
    public static final String PROJECT_ID = "1";

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each answer
        // can wait ~40 ms for the client's delayed ACK, which caps a connection at ~25 requests/s.
        // Read once, when the server classes load, so it must be set before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final FakeCapture capture = new FakeCapture();
    private final FakeQueryEndpoint query = new FakeQueryEndpoint();
    /** Guards {@link #server}: listening stops and starts again. */
    private final Object serverLock = new Object();

    private final ExecutorService handlers;
    private final int port;
    private @Nullable HttpServer server;

    private FakePostHog(int port) {
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-posthog");
            t.setDaemon(true);
            return t;
        });
        this.server = listen(port);
        this.port = server.getAddress().getPort();
    }

    /** Starts a fake on a free port of 127.0.0.1. */
    public static FakePostHog start() {
        return new FakePostHog(0);
    }

    /** The base URL to configure as the PostHog host, for example {@code http://127.0.0.1:54321}. */
    public String host() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * A client configuration pointed at this fake: its API key, the development profile (each
     * event sent at once) and short backoffs and timeouts, so tests run fast. Adjust as needed.
     */
    public PostHogConfigBuilder clientConfig() {
        return PostHogConfig.builder()
                .apiKey(API_KEY)
                .host(host())
                .personalApiKey(PERSONAL_API_KEY)
                .projectId(PROJECT_ID)
                .appHost(host())
                .profile(PostHogConfig.Profile.DEVELOPMENT)
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(200))
                .requestTimeout(Duration.ofSeconds(2))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    /** The next requests get these answers, in order; after them, the default answer again. */
    public FakePostHog enqueue(FakeResponse... responses) {
        synchronized (capture.lock) {
            Collections.addAll(capture.script, responses);
        }
        return this;
    }

    /** The answer for requests with no scripted answer left; initially 200. */
    public FakePostHog respondByDefault(FakeResponse response) {
        Objects.requireNonNull(response, "response == null");
        return respondByDefault(() -> response);
    }

    /** Answers requests with no scripted answer left with whatever {@code responses} gives, e.g. random faults. */
    public FakePostHog respondByDefault(Supplier<FakeResponse> responses) {
        synchronized (capture.lock) {
            capture.defaultResponse = Objects.requireNonNull(responses, "responses == null");
        }
        return this;
    }

    /**
     * Whether {@link #requests()} and {@link #events()} keep what arrived; turn off for load and
     * soak tests that count with {@link #onRequest} instead, so memory stays flat.
     */
    public FakePostHog keepRequests(boolean keep) {
        synchronized (capture.lock) {
            capture.keepRequests = keep;
        }
        return this;
    }

    /**
     * Calls {@code listener} with each request once its answer is decided, just before the answer
     * goes out, from the fake's handler threads.
     */
    public FakePostHog onRequest(Consumer<CapturedRequest> listener) {
        synchronized (capture.lock) {
            capture.onRequest = Objects.requireNonNull(listener, "listener == null");
        }
        return this;
    }

    /** Answers 400, as PostHog does for one bad event, to any batch holding an event that matches. */
    public FakePostHog rejectEventsWhere(Predicate<PostHogEvent> rule) {
        synchronized (capture.lock) {
            capture.rejectWhere = Objects.requireNonNull(rule, "rule == null");
        }
        return this;
    }

    /**
     * Answers {@code 200} to batches as before, but stores no event that matches: as PostHog does while a
     * project is over its billing limit, or for events an ingestion restriction drops. The client counts
     * them delivered; {@link #events()} and the query API do not hold them, as PostHog would not.
     */
    public FakePostHog dropSilently(Predicate<PostHogEvent> rule) {
        synchronized (capture.lock) {
            capture.dropSilentlyWhere = Objects.requireNonNull(rule, "rule == null");
        }
        return this;
    }

    /**
     * The project's time zone, in which PostHog reads a date-time a query gives without a zone; UTC
     * unless set. Tests of queries set another, so that a time that forgot to say UTC shows.
     */
    public FakePostHog projectTimeZone(ZoneId zone) {
        query.projectZone(Objects.requireNonNull(zone, "zone == null"));
        return this;
    }

    /**
     * The next queries to the query API get these answers (a {@code 429} with {@code Retry-After}, a
     * {@code 503}), in order; after them, answers from the stored events again.
     */
    public FakePostHog enqueueQueryAnswers(FakeResponse... responses) {
        query.enqueue(responses);
        return this;
    }

    /** Every query the query API received, oldest first, with its answer's status. */
    public List<CapturedQuery> queries() {
        return query.queries();
    }

    /**
     * Stops listening: new connections are refused until {@link #acceptConnections()}. Requests
     * under way still get their answer (for up to a second), so no acknowledged batch is lost.
     */
    public void refuseConnections() {
        stop(1);
    }

    private void stop(int graceSeconds) {
        HttpServer stopping;
        synchronized (serverLock) {
            stopping = server;
            server = null;
        }
        if (stopping != null) {
            stopping.stop(graceSeconds); // outside the lock: the handlers it waits for need it
        }
    }

    /** Listens again, on the same port, after {@link #refuseConnections()}. */
    public void acceptConnections() {
        synchronized (serverLock) {
            if (server == null) {
                server = listen(port);
            }
        }
    }

    /** Every request so far, oldest first. */
    public List<CapturedRequest> requests() {
        synchronized (capture.lock) {
            return List.copyOf(capture.requests);
        }
    }

    /**
     * The events of every request answered with a 2xx, but those {@linkplain #dropSilently dropped
     * silently}: what PostHog would have stored.
     */
    public List<PostHogEvent> events() {
        synchronized (capture.lock) {
            return capture.delivered();
        }
    }

    /**
     * The events posthog-js sent (to {@code /e/} or {@code /i/v0/e/}), oldest first: a page's {@code
     * $pageview}, {@code $identify} and the like, with the distinct id read from their properties.
     */
    public List<PostHogEvent> browserEvents() {
        synchronized (capture.lock) {
            return List.copyOf(capture.browserEvents);
        }
    }

    /**
     * Waits until a browser event matches {@code condition} and returns the browser events so far.
     *
     * @throws AssertionError listing what the browser sent, if none matched within {@code timeout}
     */
    public List<PostHogEvent> awaitBrowserEvent(Predicate<PostHogEvent> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition == null");
        capture.await(
                () -> capture.browserEvents.stream().anyMatch(condition),
                timeout,
                () -> "expected a matching browser event within " + timeout + " but the browser sent: "
                        + Describe.browserEvents(capture.browserEvents));
        return browserEvents();
    }

    /**
     * The events as PostHog counts them: of the copies with the same uuid, event name, distinct id
     * and UTC day, only the first, as PostHog collapses a redelivered event. A refund sent twice
     * (a lost answer, an outbox row relayed again) is here once; two refunds of an order, twice.
     */
    public List<PostHogEvent> countedEvents() {
        Set<List<Object>> seen = new HashSet<>();
        return events().stream()
                .filter(e -> seen.add(List.of(
                        e.uuid(), e.event(), e.distinctId(), e.timestamp().truncatedTo(ChronoUnit.DAYS))))
                .toList();
    }

    /**
     * The events of acknowledged requests that real PostHog would have dropped or altered, each with
     * the rule it broke: an over-long or placeholder distinct id, an event over 1 MB, a timestamp
     * more than 23 hours ahead. They are not among {@link #events()}.
     */
    public List<RuleViolation> violations() {
        synchronized (capture.lock) {
            return capture.acknowledgedViolations();
        }
    }

    /**
     * Waits until at least {@code count} events were delivered and returns them all.
     *
     * @throws AssertionError listing what arrived, if fewer did within {@code timeout}
     */
    public List<PostHogEvent> awaitEvents(int count, Duration timeout) {
        capture.await(
                () -> capture.delivered().size() >= count,
                timeout,
                () -> "expected at least " + count + " delivered event(s) within " + timeout
                        + " but FakePostHog received " + capture.delivered().size() + ": "
                        + Describe.postHogEvents(capture.delivered()) + "\nrequests: " + capture.requests
                        + capture.violationsText());
        return events();
    }

    /**
     * Waits until at least {@code count} requests arrived, whatever the answer, and returns them all.
     *
     * @throws AssertionError listing the requests, if fewer arrived within {@code timeout}
     */
    public List<CapturedRequest> awaitRequests(int count, Duration timeout) {
        capture.await(
                () -> capture.requests.size() >= count,
                timeout,
                () -> "expected at least " + count + " request(s) within " + timeout + " but FakePostHog received "
                        + capture.requests.size() + ": " + capture.requests);
        return requests();
    }

    /** Forgets requests, scripted answers and rules; listens again if it was refusing. */
    public void reset() {
        capture.reset();
        query.reset();
        acceptConnections();
    }

    /** An event as indented JSON, numbers exactly as they were sent. */
    public static String prettyJson(PostHogEvent event) {
        try {
            return FakeWire.JSON.writeValueAsString(FakeWire.JSON.readValue(event.toJson(), LinkedHashMap.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        handlers.shutdownNow();
        stop(0);
    }

    @Override
    public String toString() {
        return "FakePostHog{" + host() + ", " + requests().size() + " request(s)}";
    }

    private HttpServer listen(int port) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            s.createContext("/", this::handle);
            s.setExecutor(handlers);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("FakePostHog could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** Takes {@code events} as stored, as if they had arrived in acknowledged requests. For the testkit's own tests. */
    void preload(List<PostHogEvent> events) {
        capture.preload(events);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals(FakeEventsEndpoint.PATH)) {
                FakeEventsEndpoint.answer(exchange, this);
            } else if (FakeQueryApi.isQueryPath(path)) {
                query.answer(exchange, raw, capture::sortedStored);
            } else if (exchange.getRequestMethod().equals("OPTIONS") || BrowserCapture.isBrowserPath(path)) {
                capture.browser(exchange, raw, receivedAt);
            } else {
                capture.batch(exchange, raw, receivedAt);
            }
        }
    }
}
