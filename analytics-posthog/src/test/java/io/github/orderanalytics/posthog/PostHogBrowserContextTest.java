package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.BrowserContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PostHogBrowserContextTest {
    private static final String KEY = "phc_test";
    private static final String VISITOR = "01a21c72-9100-7abc-9def-0123456789ab";
    private static final String SESSION = "01a21c72-9100-7cc2-8c3a-3f3b0d6e9a41";
    private static final String WINDOW = "01a21c72-9100-7000-8000-000000000001";

    /** Header names ignore case, as the Servlet API's lookup does. */
    private static Function<String, String> headers(Map<String, String> values) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(values);
        return byName::get;
    }

    /** posthog-js's persistence cookie as it writes it: percent-encoded JSON. */
    private static String cookie(String json) {
        return "ph_" + KEY + "_posthog=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheTracingHeadersPosthogJsSends() {
        Function<String, String> request = headers(Map.of(
                "x-posthog-distinct-id", VISITOR, "X-PostHog-Session-Id", SESSION, "X-POSTHOG-WINDOW-ID", WINDOW));

        assertThat(PostHogBrowserContext.fromHeaders(request)).contains(BrowserContext.of(VISITOR, SESSION, WINDOW));
    }

    @Test
    void dropsWhatIsInvalidAndIsEmptyWithoutHeaders() {
        assertThat(PostHogBrowserContext.fromHeaders(headers(Map.of()))).isEmpty();
        assertThat(PostHogBrowserContext.fromHeaders(null)).isEmpty();
        assertThat(PostHogBrowserContext.fromHeaders(headers(Map.of(
                        "X-POSTHOG-DISTINCT-ID", "undefined",
                        "X-POSTHOG-SESSION-ID", "f47ac10b-58cc-4372-a567-0e02b2c3d479")))) // a UUIDv4
                .isEmpty();
        assertThat(PostHogBrowserContext.fromHeaders(
                        headers(Map.of("X-POSTHOG-DISTINCT-ID", VISITOR, "X-POSTHOG-SESSION-ID", "s".repeat(10_000)))))
                .contains(BrowserContext.of(VISITOR, null));
    }

    @Test
    void aRequestIsReadHeadersFirstThenTheCookieIfAskedAndNotAtAllFromABrowserThatOptedOut() {
        String cookie = cookie("{\"distinct_id\":\"" + VISITOR + "\"}");
        Map<String, String> tracing = Map.of("X-POSTHOG-DISTINCT-ID", VISITOR, "X-POSTHOG-SESSION-ID", SESSION);
        String optedOut = "__ph_opt_in_out_" + KEY + "=0";

        assertThat(PostHogBrowserContext.fromRequest(headers(tracing), KEY, false))
                .contains(BrowserContext.of(VISITOR, SESSION));
        assertThat(PostHogBrowserContext.fromRequest(headers(Map.of("Cookie", cookie)), KEY, false))
                .as("the cookie only when asked for")
                .isEmpty();
        assertThat(PostHogBrowserContext.fromRequest(headers(Map.of("Cookie", cookie)), KEY, true))
                .contains(BrowserContext.of(VISITOR, null));
        java.util.Map<String, String> withOptOut = new java.util.HashMap<>(tracing);
        withOptOut.put("Cookie", optedOut + "; " + cookie);
        assertThat(PostHogBrowserContext.fromRequest(headers(withOptOut), KEY, true))
                .as("opted out: neither headers nor cookie")
                .isEmpty();
        assertThat(PostHogBrowserContext.fromRequest(
                        name -> {
                            throw new IllegalStateException("request already recycled");
                        },
                        KEY,
                        true))
                .isEmpty();
    }

    @Test
    void aLookupThatThrowsMeansNoContext() {
        assertThat(PostHogBrowserContext.fromHeaders(name -> {
                    throw new IllegalStateException("request already recycled");
                }))
                .isEmpty();
    }

    @Test
    void readsTheDistinctIdAndSessionFromPosthogJsCookie() {
        String json = "{\"distinct_id\":\"" + VISITOR + "\",\"$device_id\":\"" + VISITOR + "\","
                + "\"$sesid\":[1795780900000,\"" + SESSION + "\",1795780800000],"
                + "\"$initial_person_info\":{\"r\":\"$direct\",\"u\":\"http://localhost/\"},\"$epp\":true}";

        assertThat(PostHogBrowserContext.fromCookies("theme=dark; " + cookie(json) + "; other=1", KEY))
                .contains(BrowserContext.of(VISITOR, SESSION));
        assertThat(PostHogBrowserContext.fromCookies(cookie(json), "phc_other"))
                .as("another project")
                .isEmpty();
    }

    @Test
    void anOptedOutBrowserGivesNoContext() {
        String json = "{\"distinct_id\":\"" + VISITOR + "\"}";
        for (String no : new String[] {"0", "false", "no"}) {
            String header = cookie(json) + "; __ph_opt_in_out_" + KEY + "=" + no;
            assertThat(PostHogBrowserContext.fromCookies(header, KEY)).as(no).isEmpty();
            assertThat(PostHogBrowserContext.hasOptedOut(header, KEY)).as(no).isTrue();
        }
        String optedIn = cookie(json) + "; __ph_opt_in_out_" + KEY + "=1";
        assertThat(PostHogBrowserContext.fromCookies(optedIn, KEY)).isPresent();
        assertThat(PostHogBrowserContext.hasOptedOut(optedIn, KEY)).isFalse();
        assertThat(PostHogBrowserContext.hasOptedOut(null, KEY)).isFalse();
    }

    @Test
    void aMalformedCookieGivesNoContext() {
        assertThat(PostHogBrowserContext.fromCookies("ph_" + KEY + "_posthog=%7B%22distinct", KEY))
                .isEmpty();
        assertThat(PostHogBrowserContext.fromCookies("ph_" + KEY + "_posthog=%zz", KEY))
                .isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(cookie("[1,2]"), KEY)).isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(cookie("{\"distinct_id\":42,\"$sesid\":{}}"), KEY))
                .isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(cookie("{\"$sesid\":[1,\"" + SESSION + "\"]}"), KEY))
                .contains(BrowserContext.of(null, SESSION));
        assertThat(PostHogBrowserContext.fromCookies(null, KEY)).isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(cookie("{}"), null)).isEmpty();
    }

    @Test
    void decodesPercentEscapesAsPosthogJsWritesThem() {
        String persistence = "ph_" + KEY + "_posthog=";
        // encodeURIComponent leaves '+' alone, so in a cookie it is a plus, not a form's space
        assertThat(PostHogBrowserContext.fromCookies(persistence + "%7B%22distinct_id%22%3A%22a+b%22%7D", KEY))
                .contains(BrowserContext.of("a+b", null));
        assertThat(PostHogBrowserContext.fromCookies(persistence + "%7B%22distinct_id%22%3A%22%E2%82%AC%22%7D", KEY))
                .as("a multi-byte character")
                .contains(BrowserContext.of("\u20ac", null));
        assertThat(PostHogBrowserContext.fromCookies(persistence + "%7B%22distinct_id%22%3A%22x%22%7D%4", KEY))
                .as("a truncated escape")
                .isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(persistence + "%7B%22distinct_id%22%3A%22\u20ac%22%7D", KEY))
                .as("a character a browser does not put in a cookie")
                .isEmpty();
        assertThat(PostHogBrowserContext.fromCookies(persistence + "%7B%22distinct_id%22%3A%22%FF%22%7D", KEY))
                .as("bytes that are not UTF-8")
                .isEmpty();
    }

    @Test
    void stopsReadingOnceItHasTheDistinctIdAndSession() {
        String json = "{\"distinct_id\":\"" + VISITOR + "\",\"$sesid\":[1,\"" + SESSION + "\",2],"
                + "\"distinct_id\":\"someone-else\",\"$epp\":";

        assertThat(PostHogBrowserContext.fromCookies(cookie(json), KEY))
                .as("the first of each field counts; posthog-js's other properties are never parsed")
                .contains(BrowserContext.of(VISITOR, SESSION));
    }
}
