package io.github.orderanalytics.benchmarks;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.posthog.PostHogBrowserContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What reading a request's browser context costs checkout: posthog-js's three tracing headers through
 * a case-insensitive lookup, as a servlet container gives them, and its cookie in a realistic Cookie
 * header (a consent cookie, a session cookie and posthog-js's own, about 700 bytes). Run with
 * {@code java -cp ... org.openjdk.jmh.Main BrowserContextBenchmark}.
 */
public class BrowserContextBenchmark extends NanoBenchmark {
    private static final String KEY = "phc_benchmark_project_key";
    private static final String VISITOR = "01a21c72-9100-7abc-9def-0123456789ab";
    private static final String SESSION = "01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41";
    private static final String EMAIL = "buyer7@example.com";
    private static final String WINDOW = "01a21c72-9100-7000-8000-000000000001";

    private final Function<String, String> headers;
    private final String cookieHeader;

    public BrowserContextBenchmark() {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.put("Accept", "application/json");
        byName.put("Content-Type", "application/json");
        byName.put("X-POSTHOG-DISTINCT-ID", VISITOR);
        byName.put("X-POSTHOG-SESSION-ID", SESSION);
        byName.put("X-POSTHOG-WINDOW-ID", WINDOW);
        headers = byName::get;
        String persistence = "{\"distinct_id\":\"" + VISITOR + "\",\"$device_id\":\"" + VISITOR + "\","
                + "\"$user_state\":\"anonymous\",\"$sesid\":[1795780900000,\"" + SESSION + "\",1795780800000],"
                + "\"$initial_person_info\":{\"r\":\"$direct\",\"u\":\"https://shop.example.com/products/mug\"},"
                + "\"$epp\":true,\"$client_session_props\":{\"sessionId\":\"" + SESSION
                + "\",\"props\":{\"initialPathName\":\"/\",\"referringDomain\":\"$direct\"}}}";
        cookieHeader = "cookie_consent=accepted; JSESSIONID=9F1A2B3C4D5E6F708192A3B4C5D6E7F8; ph_" + KEY + "_posthog="
                + URLEncoder.encode(persistence, StandardCharsets.UTF_8) + "; theme=dark";
    }

    @Benchmark
    public Optional<BrowserContext> fromHeaders() {
        return PostHogBrowserContext.fromHeaders(headers);
    }

    @Benchmark
    public Optional<BrowserContext> fromCookies() {
        return PostHogBrowserContext.fromCookies(cookieHeader, KEY);
    }

    /** What a guest's identity costs to build without a browser, for {@link #guestWithBrowser}. */
    @Benchmark
    public Identity guest() {
        return Identity.guest(EMAIL);
    }

    /** The same guest with the context built from the header values, as the starter attaches it. */
    @Benchmark
    public Identity guestWithBrowser() {
        return Identity.guest(EMAIL).withBrowser(BrowserContext.of(VISITOR, SESSION, WINDOW));
    }

    /** A request from a page without tracing headers: what every other request pays. */
    @Benchmark
    public Optional<BrowserContext> noHeaders() {
        return PostHogBrowserContext.fromHeaders(name -> null);
    }
}
