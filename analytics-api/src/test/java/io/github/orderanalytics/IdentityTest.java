package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {
    private static final String SESSION = "0192f7a3-7c6e-7cc2-8c3a-3f3b0d6e9a41";
    private static final String BROWSER = "0192f7a3-0000-7abc-9def-0123456789ab";

    @Test
    void guestEmailIsTrimmedAndLowerCased() {
        Identity guest = Identity.guest("  Jane.Doe@Example.COM ");

        assertThat(guest.kind()).isEqualTo(Identity.Kind.GUEST);
        assertThat(guest.id()).isEqualTo("jane.doe@example.com");
        assertThat(guest).isEqualTo(Identity.guest("jane.doe@example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "jane",
                "jane@",
                "@example.com",
                "jane@example",
                "ja ne@example.com",
                "a@b@example.com",
                "jane@example..com",
                "jane@.example.com",
                "jane@example.com.",
                "jane@exa mple.com"
            })
    void rejectsMalformedEmail(String email) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.guest(email))
                .withMessage("email is not a valid address: '" + email + "'");
    }

    @Test
    void rejectsBlankAndOverlongIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.customer(" "))
                .withMessage("customerId must not be blank: ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.anonymous("x".repeat(201)))
                .withMessageStartingWith("anonymousId must be at most 200 characters, was 201: 'xxx");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.customer("cus\n42"))
                .withMessage("customerId must not contain control characters (U+000A at index 3): 'cus\\u000a42'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Identity.customer("cus_1").withSessionId("sess_1"))
                .withMessageStartingWith("sessionId must be a UUIDv7")
                .withMessageEndingWith("was 'sess_1'");
        assertThatNullPointerException().isThrownBy(() -> Identity.guest(null)).withMessage("email == null");
        assertThatNullPointerException()
                .isThrownBy(() -> Identity.customer(null))
                .withMessage("customerId == null");
    }

    @Test
    void sessionIdIsAddedWithoutChangingTheOriginal() {
        Identity anonymous = Identity.anonymous("0192f7a3");
        Identity withSession = anonymous.withSessionId(SESSION);

        assertThat(withSession.sessionId()).contains(SESSION);
        assertThat(withSession.id()).isEqualTo("0192f7a3");
        assertThat(anonymous.sessionId()).isEmpty();
        assertThat(withSession).isNotEqualTo(anonymous);
    }

    @Test
    void toStringMasksABrowserIdThatIsNotAnAnonymousVisitorsAndEscapesWhatBreaksALogLine() {
        String anonymous = "0192f7a3-7c6e-7cc2-8c3a-3f3b0d6e9a41";
        // After posthog.identify(email) the browser's distinct id is the email
        assertThat(Identity.customer("cus_42").withBrowser(BrowserContext.of("jane@example.com", null)))
                .hasToString("customer(cus_42, browser(j***))");
        assertThat(Identity.guest("jane@example.com").withBrowser(BrowserContext.of(anonymous, null)))
                .hasToString("guest(j***@example.com, browser(" + anonymous + "))");
        // Line and paragraph separators, bidi overrides: allowed in an id, never raw in a log line
        assertThat(Identity.customer("cus\u2028INFO fake\u202e42"))
                .hasToString("customer(cus\\u2028INFO fake\\u202e42)");
        assertThat(Identity.anonymous("anon\u2029x")).hasToString("anonymous(anon\\u2029x)");
        assertThat(Identity.customer("\ud83d\ude00fan").withBrowser(BrowserContext.of("\ud83d\ude00\u2028x", null)))
                .hasToString("customer(\ud83d\ude00fan, browser(\ud83d\ude00***))");
    }

    @Test
    void toStringMasksTheGuestEmail() {
        assertThat(Identity.guest("jane@example.com")).hasToString("guest(j***@example.com)");
        assertThat(Identity.customer("cus_42").withSessionId(SESSION))
                .hasToString("customer(cus_42, browser(session " + SESSION + "))");
    }

    @Test
    void browserIsAttachedWithoutChangingTheOriginalAndCountsForEquality() {
        Identity guest = Identity.guest("jane@example.com");
        BrowserContext browser = BrowserContext.of(BROWSER, SESSION);
        Identity withBrowser = guest.withBrowser(browser);

        assertThat(withBrowser.browser()).contains(browser);
        assertThat(withBrowser.sessionId()).contains(SESSION);
        assertThat(guest.browser()).isEmpty();
        assertThat(withBrowser)
                .isNotEqualTo(guest)
                .isEqualTo(Identity.guest("jane@example.com").withBrowser(browser));
        assertThat(withBrowser.withSessionId(SESSION).browser()).contains(browser);
        assertThatNullPointerException()
                .isThrownBy(() -> guest.withBrowser(null))
                .withMessage("browser == null");
    }
}
