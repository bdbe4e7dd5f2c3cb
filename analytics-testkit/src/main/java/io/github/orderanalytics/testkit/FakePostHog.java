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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

    private final Object lock = new Object();
    private final Deque<FakeResponse> script = new ArrayDeque<>();
    private final List<CapturedRequest> requests = new ArrayList<>();
    private final List<PostHogEvent> browserEvents = new ArrayList<>();
    /** Requests whose answer was sent: only their events count as delivered. */
    private final Set<CapturedRequest> answered = Collections.newSetFromMap(new IdentityHashMap<>());

    private final ExecutorService handlers;
    private final int port;
    private Supplier<FakeResponse> defaultResponse = FakeResponse::ok;
    private boolean keepRequests = true;
    private Consumer<CapturedRequest> onRequest = r -> {};
    private Predicate<PostHogEvent> rejectWhere = e -> false;
    private Predicate<PostHogEvent> dropSilentlyWhere = e -> false;
    /** The events of each answered request that the fake stored: all but those dropped silently. */
    private final Map<CapturedRequest, List<PostHogEvent>> stored = new IdentityHashMap<>();

    private final Deque<FakeResponse> queryScript = new ArrayDeque<>();
    private final List<CapturedQuery> queries = new ArrayList<>();
    private ZoneId projectZone = ZoneOffset.UTC;
    /** Events held as stored without a request: for tests of reconciliation at a scale HTTP would take minutes for. */
    private final List<PostHogEvent> preloaded = new ArrayList<>();
    /** The stored events in (timestamp, uuid) order, for the query API, and how many there were. */
    private List<PostHogEvent> sortedStored = List.of();

    private int sortedStoredCount = -1;
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
        synchronized (lock) {
            Collections.addAll(script, responses);
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
        synchronized (lock) {
            defaultResponse = Objects.requireNonNull(responses, "responses == null");
        }
        return this;
    }

    /**
     * Whether {@link #requests()} and {@link #events()} keep what arrived; turn off for load and
     * soak tests that count with {@link #onRequest} instead, so memory stays flat.
     */
    public FakePostHog keepRequests(boolean keep) {
        synchronized (lock) {
            keepRequests = keep;
        }
        return this;
    }

    /**
     * Calls {@code listener} with each request once its answer is decided, just before the answer
     * goes out, from the fake's handler threads.
     */
    public FakePostHog onRequest(Consumer<CapturedRequest> listener) {
        synchronized (lock) {
            onRequest = Objects.requireNonNull(listener, "listener == null");
        }
        return this;
    }

    /** Answers 400, as PostHog does for one bad event, to any batch holding an event that matches. */
    public FakePostHog rejectEventsWhere(Predicate<PostHogEvent> rule) {
        synchronized (lock) {
            rejectWhere = Objects.requireNonNull(rule, "rule == null");
        }
        return this;
    }

    /**
     * Answers {@code 200} to batches as before, but stores no event that matches: as PostHog does while a
     * project is over its billing limit, or for events an ingestion restriction drops. The client counts
     * them delivered; {@link #events()} and the query API do not hold them, as PostHog would not.
     */
    public FakePostHog dropSilently(Predicate<PostHogEvent> rule) {
        synchronized (lock) {
            dropSilentlyWhere = Objects.requireNonNull(rule, "rule == null");
        }
        return this;
    }

    /**
     * The project's time zone, in which PostHog reads a date-time a query gives without a zone; UTC
     * unless set. Tests of queries set another, so that a time that forgot to say UTC shows.
     */
    public FakePostHog projectTimeZone(ZoneId zone) {
        synchronized (lock) {
            projectZone = Objects.requireNonNull(zone, "zone == null");
        }
        return this;
    }

    /**
     * The next queries to the query API get these answers (a {@code 429} with {@code Retry-After}, a
     * {@code 503}), in order; after them, answers from the stored events again.
     */
    public FakePostHog enqueueQueryAnswers(FakeResponse... responses) {
        synchronized (lock) {
            Collections.addAll(queryScript, responses);
        }
        return this;
    }

    /** Every query the query API received, oldest first, with its answer's status. */
    public List<CapturedQuery> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
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
        synchronized (lock) {
            stopping = server;
            server = null;
        }
        if (stopping != null) {
            stopping.stop(graceSeconds); // outside the lock: the handlers it waits for need it
        }
    }

    /** Listens again, on the same port, after {@link #refuseConnections()}. */
    public void acceptConnections() {
        synchronized (lock) {
            if (server == null) {
                server = listen(port);
            }
        }
    }

    /** Every request so far, oldest first. */
    public List<CapturedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * The events of every request answered with a 2xx, but those {@linkplain #dropSilently dropped
     * silently}: what PostHog would have stored.
     */
    public List<PostHogEvent> events() {
        synchronized (lock) {
            return delivered();
        }
    }

    /**
     * The events posthog-js sent (to {@code /e/} or {@code /i/v0/e/}), oldest first: a page's {@code
     * $pageview}, {@code $identify} and the like, with the distinct id read from their properties.
     */
    public List<PostHogEvent> browserEvents() {
        synchronized (lock) {
            return List.copyOf(browserEvents);
        }
    }

    /**
     * Waits until a browser event matches {@code condition} and returns the browser events so far.
     *
     * @throws AssertionError listing what the browser sent, if none matched within {@code timeout}
     */
    public List<PostHogEvent> awaitBrowserEvent(Predicate<PostHogEvent> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition == null");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (browserEvents.stream().noneMatch(condition)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected a matching browser event within " + timeout
                            + " but the browser sent: " + Describe.browserEvents(browserEvents));
                }
                waitFor(left);
            }
            return List.copyOf(browserEvents);
        }
    }

    /**
     * The events as PostHog counts them: of the copies with the same uuid, event name, distinct id
     * and UTC day, only the first, as PostHog collapses a redelivered event. A refund sent twice
     * (a lost answer, an outbox row relayed again) is here once; two refunds of an order, twice.
     */
    public List<PostHogEvent> countedEvents() {
        Set<List<Object>> seen = new HashSet<>();
        List<PostHogEvent> counted = new ArrayList<>();
        for (PostHogEvent e : events()) {
            List<Object> key =
                    List.of(e.uuid(), e.event(), e.distinctId(), e.timestamp().truncatedTo(ChronoUnit.DAYS));
            if (seen.add(key)) {
                counted.add(e);
            }
        }
        return counted;
    }

    /**
     * The events of acknowledged requests that real PostHog would have dropped or altered, each with
     * the rule it broke: an over-long or placeholder distinct id, an event over 1 MB, a timestamp
     * more than 23 hours ahead. They are not among {@link #events()}.
     */
    public List<RuleViolation> violations() {
        synchronized (lock) {
            return acknowledgedViolations();
        }
    }

    /**
     * Waits until at least {@code count} events were delivered and returns them all.
     *
     * @throws AssertionError listing what arrived, if fewer did within {@code timeout}
     */
    public List<PostHogEvent> awaitEvents(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<PostHogEvent> events = delivered();
                if (events.size() >= count) {
                    return events;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected at least " + count + " delivered event(s) within " + timeout
                            + " but FakePostHog received " + events.size() + ": " + Describe.postHogEvents(events)
                            + "\nrequests: " + requests + violationsText());
                }
                waitFor(left);
            }
        }
    }

    /**
     * Waits until at least {@code count} requests arrived, whatever the answer, and returns them all.
     *
     * @throws AssertionError listing the requests, if fewer arrived within {@code timeout}
     */
    public List<CapturedRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected at least " + count + " request(s) within " + timeout
                            + " but FakePostHog received " + requests.size() + ": " + requests);
                }
                waitFor(left);
            }
            return List.copyOf(requests);
        }
    }

    /** Forgets requests, scripted answers and rules; listens again if it was refusing. */
    public void reset() {
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
            queryScript.clear();
            projectZone = ZoneOffset.UTC;
            keepRequests = true;
            onRequest = r -> {};
        }
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

    // ---- serving -----------------------------------------------------------------------------

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

    private void waitFor(long nanos) {
        try {
            lock.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for FakePostHog", e);
        }
    }

    /** Held lock: the violations in acknowledged requests. */
    private List<RuleViolation> acknowledgedViolations() {
        return requests.stream()
                .filter(r -> r.accepted() && answered.contains(r))
                .flatMap(r -> r.violations().stream())
                .toList();
    }

    /** Held lock: the violations, for a failure message, or nothing. */
    private String violationsText() {
        List<RuleViolation> all = acknowledgedViolations();
        return all.isEmpty() ? "" : "\nbreaking PostHog's rules, so not counted: " + all;
    }

    private List<PostHogEvent> delivered() {
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

    /** Takes {@code events} as stored, as if they had arrived in acknowledged requests. For the testkit's own tests. */
    void preload(List<PostHogEvent> events) {
        synchronized (lock) {
            preloaded.addAll(events);
        }
    }

    /** Held lock: the stored events in (timestamp, uuid) order, sorted again only when their number changed. */
    private List<PostHogEvent> sortedStored() {
        List<PostHogEvent> all = delivered();
        if (all.size() != sortedStoredCount) {
            List<PostHogEvent> sorted = new ArrayList<>(all);
            sorted.sort(FakeQueryApi.ORDER);
            sortedStored = Collections.unmodifiableList(sorted);
            sortedStoredCount = all.size();
        }
        return sortedStored;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant receivedAt = Instant.now();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (FakeQueryApi.isQueryPath(exchange.getRequestURI().getPath())) {
                answerQuery(exchange, raw);
                return;
            }
            if (exchange.getRequestMethod().equals("OPTIONS")
                    || BrowserCapture.isBrowserPath(exchange.getRequestURI().getPath())) {
                List<PostHogEvent> fromBrowser = BrowserCapture.handle(exchange, raw, receivedAt);
                synchronized (lock) {
                    browserEvents.addAll(fromBrowser);
                    lock.notifyAll();
                }
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            boolean gzipped =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
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

    /** A query to the query API: a scripted answer, else one from the events stored so far. */
    private void answerQuery(HttpExchange exchange, byte[] raw) throws IOException {
        FakeResponse scripted;
        List<PostHogEvent> events;
        ZoneId zone;
        synchronized (lock) {
            scripted = queryScript.poll();
            events = sortedStored();
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
                events,
                zone,
                queries);
        byte[] out = FakeWire.COMPACT.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), out.length);
        exchange.getResponseBody().write(out);
    }
}
