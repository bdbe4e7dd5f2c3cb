package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BrowserContextTest {
    /** A UUIDv7 of 2024-11-01T08:56:31.246Z, as posthog-js makes for a session. */
    private static final String SESSION = "0192e6f0-c30e-7cc2-8c3a-3f3b0d6e9a41";

    private static final String WINDOW = "0192e6f0-c30e-7000-8000-000000000001";
    private static final String VISITOR = "0192e6f0-c30d-7abc-9def-0123456789ab";
    private static final String UUID_V4 = "f47ac10b-58cc-4372-a567-0e02b2c3d479";

    @Test
    void keepsWhatItIsGivenAndReadsTheSessionStartFromTheUuid() {
        BrowserContext browser =
                BrowserContext.of(VISITOR, SESSION.toUpperCase()).withWindowId(WINDOW);

        assertThat(browser.distinctId()).contains(VISITOR);
        assertThat(browser.sessionId()).contains(SESSION); // lower case, as posthog-js writes it
        assertThat(browser.windowId()).contains(WINDOW);
        assertThat(browser.hasAnonymousDistinctId()).isTrue();
        assertThat(browser.sessionStart()).contains(Instant.parse("2024-11-01T08:56:31.246Z"));
        assertThat(browser)
                .isEqualTo(BrowserContext.of(VISITOR, SESSION, WINDOW))
                .hasToString("browser(" + VISITOR + ", session " + SESSION + ", window " + WINDOW + ")");
    }

    @Test
    void eitherIdMayBeMissingNotBoth() {
        assertThat(BrowserContext.of(null, SESSION).distinctId()).isEmpty();
        assertThat(BrowserContext.of("cus_42", null).sessionStart()).isEmpty();
        assertThat(BrowserContext.of("cus_42", null).hasAnonymousDistinctId()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of(null, null))
                .withMessage("a browser context needs a distinctId or a sessionId, both were null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of(VISITOR, null, WINDOW))
                .withMessage("windowId needs a sessionId: a window belongs to a session");
    }

    @Test
    void refusesWhatPostHogWouldIgnoreOrRefuseNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of(null, UUID_V4))
                .withMessageStartingWith("sessionId must be a UUIDv7 (PostHog ignores any other session id)")
                .withMessageEndingWith("was '" + UUID_V4 + "'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of(null, SESSION, "w1"))
                .withMessageStartingWith("windowId must be a UUIDv7");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of("undefined", SESSION))
                .withMessageStartingWith("distinctId 'undefined' is refused by PostHog as a distinct id");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of("x".repeat(201), null))
                .withMessageStartingWith("distinctId must be at most 200 characters, was 201");
        // the variant must be RFC 9562's, and digits must be ASCII hex
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of(null, SESSION.replace("-8c3a", "-cc3a")));
        assertThatIllegalArgumentException().isThrownBy(() -> BrowserContext.of(null, SESSION.replace('0', '٠')));
        for (int at : new int[] {0, 9, 15, 20, 35}) { // every segment of the UUID
            for (char notHex : new char[] {'g', 'G', '０', '/', ':', '@', '`'}) {
                String session = SESSION.substring(0, at) + notHex + SESSION.substring(at + 1);
                assertThatIllegalArgumentException()
                        .as("%s", session)
                        .isThrownBy(() -> BrowserContext.of(null, session));
            }
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BrowserContext.of("00000000-0000-0000-0000-000000000000", null))
                .withMessageStartingWith("distinctId '00000000-0000-0000-0000-000000000000' is refused by PostHog");
    }

    @Test
    void fromUntrustedDropsWhatIsInvalidAndNeverThrows() {
        assertThat(BrowserContext.fromUntrusted(" " + VISITOR + " ", SESSION, WINDOW))
                .contains(BrowserContext.of(VISITOR, SESSION, WINDOW));
        assertThat(BrowserContext.fromUntrusted(VISITOR, UUID_V4, WINDOW)).contains(BrowserContext.of(VISITOR, null));
        assertThat(BrowserContext.fromUntrusted("null", SESSION, "nope")).contains(BrowserContext.of(null, SESSION));
        assertThat(BrowserContext.fromUntrusted("a\u0000b", "x".repeat(10_000), null))
                .isEmpty();
        assertThat(BrowserContext.fromUntrusted("\ud800", null, WINDOW)).isEmpty();
        assertThat(BrowserContext.fromUntrusted("x".repeat(201), null, null)).isEmpty();
        assertThat(BrowserContext.fromUntrusted(null, null, null)).isEmpty();
        assertThat(BrowserContext.fromUntrusted("  ", "", "")).isEmpty();
    }
}
