package io.github.orderanalytics.posthog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.orderanalytics.BrowserContext;
import io.github.orderanalytics.Identity;
import io.github.orderanalytics.Money;
import io.github.orderanalytics.Order;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a browser sends is hostile until proven otherwise: for any header and cookie value, reading
 * never throws, is quick, and yields only what PostHog takes (distinct ids it accepts, UUIDv7
 * sessions); an order mapped with it carries a session only while that session could hold it.
 */
class BrowserContextPropertiesTest {
    private static final String KEY = "phc_test";
    private static final Duration TIME_BOUND = Duration.ofMillis(200);
    private static final Set<String> ILLEGAL =
            Set.of("null", "undefined", "anonymous", "0", "guest", "[object object]");
    private static final Instant PLACED_AT = Instant.parse("2026-11-27T10:15:00Z");
    private static final PostHogEventMapper MAPPER = PostHogEventMapper.create(
            PostHogConfig.builder().linkBrowserToCustomer(true).build());

    @Property(tries = 500)
    void headersNeverThrowAndYieldOnlyWhatPostHogTakes(
            @ForAll("hostile") String distinctId,
            @ForAll("sessions") String sessionId,
            @ForAll("sessions") String windowId) {
        Optional<BrowserContext> browser = quickly(() -> PostHogBrowserContext.fromHeaders(name -> switch (name) {
            case PostHogBrowserContext.DISTINCT_ID_HEADER -> distinctId;
            case PostHogBrowserContext.SESSION_ID_HEADER -> sessionId;
            default -> windowId;
        }));

        browser.ifPresent(BrowserContextPropertiesTest::postHogTakesIt);
    }

    @Property(tries = 500)
    void cookiesNeverThrowAndYieldOnlyWhatPostHogTakes(
            @ForAll("cookieHeaders") String cookieHeader, @ForAll("keys") String key) {
        Optional<BrowserContext> browser = quickly(() -> PostHogBrowserContext.fromCookies(cookieHeader, key));
        quickly(() -> PostHogBrowserContext.hasOptedOut(cookieHeader, key));

        browser.ifPresent(BrowserContextPropertiesTest::postHogTakesIt);
    }

    private static <T> T quickly(Supplier<T> read) {
        long start = System.nanoTime();
        T result = read.get(); // a throw fails the property
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIME_BOUND);
        return result;
    }

    /** Also maps an order with it: only a session that started within the 24 hours before the order stays. */
    private static void postHogTakesIt(BrowserContext browser) {
        browser.distinctId().ifPresent(id -> {
            assertThat(id).hasSizeBetween(1, 200).isEqualTo(id.strip());
            assertThat(id.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
            assertThat(ILLEGAL).doesNotContain(id.toLowerCase(Locale.ROOT));
        });
        browser.sessionId()
                .ifPresent(s ->
                        assertThat(s).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        browser.windowId().ifPresent(w -> assertThat(browser.sessionId()).isPresent());

        Order order = Order.builder("ord_1", Money.of("1.00", "EUR"))
                .placedAt(PLACED_AT)
                .build();
        for (Identity identity : new Identity[] {
            Identity.guest("jane@example.com").withBrowser(browser),
            Identity.customer("cus_42").withBrowser(browser)
        }) {
            for (PostHogEvent event : MAPPER.events(order, identity)) {
                Object session = event.properties().get("$session_id");
                if (session != null) {
                    Instant start = browser.sessionStart().orElseThrow();
                    assertThat(PLACED_AT)
                            .isBetween(start.minus(Duration.ofMinutes(5)), start.plus(Duration.ofHours(24)));
                }
                if (identity.kind() == Identity.Kind.CUSTOMER && event.event().equals("order_placed")) {
                    assertThat(event.distinctId()).isEqualTo("cus_42"); // never the browser's word
                }
            }
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300), // controls, lone surrogates, invisible characters
                Arbitraries.strings().all().ofMinLength(10_000).ofMaxLength(12_000),
                Arbitraries.of(ILLEGAL.toArray(new String[0])),
                Arbitraries.of(" 01a21c72-9100-7abc-9def-0123456789ab ", "cus_1", "\ud800", "", "  "),
                uuids());
    }

    @Provide
    Arbitrary<String> sessions() {
        return Arbitraries.oneOf(hostile(), uuids(), Arbitraries.just(null));
    }

    /** UUIDs of versions 4 and 7, with times from 1970 to far in the future, and wrong variants. */
    private static Arbitrary<String> uuids() {
        Arbitrary<Long> millis = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 0xffff_ffff_ffffL),
                Arbitraries.longs()
                        .between(
                                -Duration.ofHours(30).toMillis(),
                                Duration.ofHours(30).toMillis())
                        .map(d -> PLACED_AT.toEpochMilli() + d));
        return Combinators.combine(millis, Arbitraries.of('4', '7', 'f'), Arbitraries.of('8', 'b', 'c', '0'))
                .as((ms, version, variant) -> {
                    String h = String.format("%012x", ms);
                    return h.substring(0, 8) + "-" + h.substring(8) + "-" + version + "abc-" + variant
                            + "def-0123456789ab";
                });
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of(KEY, "phc_other", "", "ph\u0000c");
    }

    @Provide
    Arbitrary<String> cookieHeaders() {
        Arbitrary<String> json = Arbitraries.oneOf(
                Combinators.combine(hostile(), sessions())
                        .as((d, s) -> "{\"distinct_id\":" + quoted(d) + ",\"$sesid\":[1," + quoted(s) + ",2]}"),
                Arbitraries.of(
                        "{", "[]", "{\"distinct_id\":{\"a\":[[[[", "{\"$sesid\":\"x\"}", "null", "{\"a\":1e999999}"),
                hostile());
        Arbitrary<String> encoded =
                json.map(j -> Arbitraries.of(true, false).sample() ? URLEncoder.encode(j, StandardCharsets.UTF_8) : j);
        return Combinators.combine(encoded, Arbitraries.of("", "; __ph_opt_in_out_" + KEY + "=0", "; x=1", ";;;="))
                .as((value, rest) -> "ph_" + KEY + "_posthog=" + value + rest);
    }

    private static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
