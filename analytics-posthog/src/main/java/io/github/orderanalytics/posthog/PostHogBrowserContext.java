package io.github.orderanalytics.posthog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.orderanalytics.BrowserContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the browser's PostHog context from an HTTP request: posthog-js's tracing headers or, opt-in,
 * its cookie. What a browser sends is untrusted, so these never throw and never decide who a customer
 * is: a value that is missing, malformed, oversized or not what posthog-js makes is dropped (logged at
 * DEBUG) and checkout goes on.
 *
 * <pre>{@code
 * // posthog-js: posthog.init(key, {tracing_headers: ['shop.example.com'], ...})
 * Identity guest = Identity.guest(email);
 * Identity buyer = PostHogBrowserContext.fromHeaders(request::getHeader).map(guest::withBrowser).orElse(guest);
 * // WebFlux: PostHogBrowserContext.fromHeaders(exchange.getRequest().getHeaders()::getFirst)
 * }</pre>
 *
 * <p>The header lookup must ignore case, as the Servlet API's and Spring's {@code HttpHeaders} do.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogBrowserContext {
    /** The header with the browser's distinct id (posthog-js ≥ 1.380 with {@code tracing_headers}). */
    public static final String DISTINCT_ID_HEADER = "X-POSTHOG-DISTINCT-ID";
    /** The header with the browser's session id. */
    public static final String SESSION_ID_HEADER = "X-POSTHOG-SESSION-ID";
    /** The header with the browser window's id. */
    public static final String WINDOW_ID_HEADER = "X-POSTHOG-WINDOW-ID";

    private static final Logger log = LoggerFactory.getLogger("io.github.orderanalytics.posthog");

    /** Browsers keep a cookie to 4 KB; a longer header is not a browser's, and is not read further. */
    static final int MAX_COOKIE_HEADER = 16 * 1024;

    static final int MAX_COOKIE_VALUE = 4096;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private PostHogBrowserContext() {}

    /**
     * The context posthog-js sent in its tracing headers; empty when there is none, or nothing usable.
     *
     * @param header the request's header lookup by name, ignoring case; may return null
     */
    public static Optional<BrowserContext> fromHeaders(Function<String, String> header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            String distinctId = header.apply(DISTINCT_ID_HEADER);
            String sessionId = header.apply(SESSION_ID_HEADER);
            String windowId = header.apply(WINDOW_ID_HEADER);
            if (distinctId == null && sessionId == null) {
                return Optional.empty();
            }
            Optional<BrowserContext> browser = BrowserContext.fromUntrusted(distinctId, sessionId, windowId);
            if (log.isDebugEnabled()) {
                logDropped("header", browser, distinctId, sessionId, windowId);
            }
            return browser;
        } catch (RuntimeException e) { // the caller's lookup failed: no context, checkout goes on
            log.debug("order-analytics could not read the PostHog tracing headers: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * The context a request carries, as a framework integration reads it: the tracing headers, else (with
     * {@code readCookie}) posthog-js's cookie; nothing at all from a browser that opted out of capturing.
     * Each source is read once. Never throws.
     *
     * <pre>{@code
     * Optional<BrowserContext> browser = PostHogBrowserContext.fromRequest(request::getHeader, projectApiKey, false);
     * }</pre>
     *
     * @param header the request's header lookup by name, ignoring case; may return null
     * @param projectApiKey the project key posthog-js uses, for its cookies' names; null if unknown (then no
     *     cookie is read, the opt-out's included)
     * @param readCookie whether posthog-js's own cookie is read where the headers are missing
     * @since 0.1.0
     */
    public static Optional<BrowserContext> fromRequest(
            Function<String, @Nullable String> header, @Nullable String projectApiKey, boolean readCookie) {
        String cookies;
        try {
            cookies = projectApiKey == null ? null : header.apply("Cookie");
        } catch (RuntimeException e) { // the caller's lookup failed: no context, checkout goes on
            log.debug("order-analytics could not read the request's cookies: {}", e.toString());
            return Optional.empty();
        }
        Optional<BrowserContext> fromHeaders = fromHeaders(header::apply);
        if (fromHeaders.isPresent()) {
            return cookies != null && hasOptedOut(cookies, projectApiKey) ? Optional.empty() : fromHeaders;
        }
        // fromCookies honours the opt-out itself
        return readCookie && cookies != null ? fromCookies(cookies, projectApiKey) : Optional.empty();
    }

    /**
     * The context posthog-js keeps in its cookie {@code ph_<projectApiKey>_posthog}: its distinct id
     * and session. Empty when there is no such cookie, nothing usable in it, or the browser opted out of
     * capturing (posthog-js's {@code __ph_opt_in_out_<projectApiKey>} cookie says {@code 0}, {@code false}
     * or {@code no}, as posthog-js reads it). Opt-in: the
     * cookie is only readable by the shop's backend if posthog-js keeps it on the shop's own domain.
     *
     * @param cookieHeader the request's {@code Cookie} header, may be null
     * @param projectApiKey the project API key posthog-js was initialised with ({@code phc_...})
     */
    public static Optional<BrowserContext> fromCookies(@Nullable String cookieHeader, @Nullable String projectApiKey) {
        if (cookieHeader == null || projectApiKey == null || cookieHeader.length() > MAX_COOKIE_HEADER) {
            return Optional.empty();
        }
        try {
            if (hasOptedOut(cookieHeader, projectApiKey)) {
                log.debug("order-analytics ignored the PostHog cookie: the browser opted out of capturing");
                return Optional.empty();
            }
            int from = cookieValueAt(cookieHeader, "ph_" + projectApiKey + "_posthog");
            int to = from < 0 ? -1 : cookieValueEnd(cookieHeader, from);
            if (from < 0 || to - from > MAX_COOKIE_VALUE) {
                return Optional.empty();
            }
            return fromCookieJson(new PercentDecodedCookie(cookieHeader, from, to));
        } catch (IOException | RuntimeException e) { // malformed percent-escapes or JSON: no context
            log.debug("order-analytics could not read the PostHog cookie: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether the browser opted out of PostHog's capturing, by posthog-js's consent cookie {@code
     * __ph_opt_in_out_<projectApiKey>}: then its context is not used at all, headers included. Never throws.
     */
    public static boolean hasOptedOut(@Nullable String cookieHeader, @Nullable String projectApiKey) {
        if (cookieHeader == null || projectApiKey == null || cookieHeader.length() > MAX_COOKIE_HEADER) {
            return false;
        }
        return optedOut(cookie(cookieHeader, "__ph_opt_in_out_" + projectApiKey));
    }

    /** The value of the first cookie called {@code name} in a {@code Cookie} header, or null. */
    private static @Nullable String cookie(String header, String name) {
        int from = cookieValueAt(header, name);
        return from < 0
                ? null
                : header.substring(from, cookieValueEnd(header, from)).strip();
    }

    /**
     * Where the value of the first cookie called {@code name} starts, or -1; nothing is allocated for
     * the cookies passed over.
     */
    private static int cookieValueAt(String header, String name) {
        int at = 0;
        while (at < header.length()) {
            int end = cookieValueEnd(header, at);
            int from = at;
            while (from < end && header.charAt(from) == ' ') {
                from++;
            }
            int eq = from + name.length();
            if (eq < end && header.charAt(eq) == '=' && header.regionMatches(from, name, 0, name.length())) {
                return eq + 1;
            }
            at = end + 1;
        }
        return -1;
    }

    private static int cookieValueEnd(String header, int from) {
        int end = header.indexOf(';', from);
        return end < 0 ? header.length() : end;
    }

    /** posthog-js's own reading of its consent cookie; in any case a "no" is a no. */
    private static boolean optedOut(@Nullable String value) {
        return value != null && (value.equals("0") || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no"));
    }

    /**
     * Reads {@code distinct_id} and {@code $sesid} ({@code [last activity, session id, session start]})
     * from posthog-js's persistence object, skipping everything else.
     */
    private static Optional<BrowserContext> fromCookieJson(InputStream json) throws IOException {
        String distinctId = null;
        String sessionId = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            boolean sawDistinctId = false;
            boolean sawSession = false;
            // posthog-js keeps both near the front; the rest (person info, flags, surveys) is not read
            while (!(sawDistinctId && sawSession) && p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!sawDistinctId && field.equals("distinct_id")) {
                    sawDistinctId = true;
                    distinctId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else if (!sawSession && field.equals("$sesid")) {
                    sawSession = true;
                    sessionId = value == JsonToken.START_ARRAY ? secondString(p) : null;
                }
                p.skipChildren();
            }
        }
        Optional<BrowserContext> browser = BrowserContext.fromUntrusted(distinctId, sessionId, null);
        if (log.isDebugEnabled()) {
            logDropped("cookie field", browser, distinctId, sessionId, null);
        }
        return browser;
    }

    /** The array's second element if it is a string; leaves the parser after the array. */
    private static @Nullable String secondString(JsonParser p) throws IOException {
        String second = null;
        int index = 0;
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (index++ == 1 && t == JsonToken.VALUE_STRING) {
                second = p.getText();
            }
            p.skipChildren();
        }
        return second;
    }

    private static void logDropped(
            String source,
            Optional<BrowserContext> browser,
            @Nullable String distinctId,
            @Nullable String sessionId,
            @Nullable String windowId) {
        BrowserContext b = browser.orElse(null);
        dropped(
                source,
                "distinct id",
                distinctId,
                b == null ? null : b.distinctId().orElse(null));
        dropped(
                source,
                "session id",
                sessionId,
                b == null ? null : b.sessionId().orElse(null));
        dropped(source, "window id", windowId, b == null ? null : b.windowId().orElse(null));
    }

    private static void dropped(String source, String what, @Nullable String sent, @Nullable String kept) {
        if (sent != null && kept == null) {
            log.debug(
                    "order-analytics ignored the browser's {} {} ({} characters): malformed, oversized or,"
                            + " for a session or window, not a UUIDv7",
                    what,
                    source,
                    sent.length());
        }
    }
}
