package io.github.orderanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {

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
                .isThrownBy(() -> Identity.customer("cus_1").withSessionId(""))
                .withMessage("sessionId must not be blank: ''");
        assertThatNullPointerException().isThrownBy(() -> Identity.guest(null)).withMessage("email == null");
        assertThatNullPointerException()
                .isThrownBy(() -> Identity.customer(null))
                .withMessage("customerId == null");
    }

    @Test
    void sessionIdIsAddedWithoutChangingTheOriginal() {
        Identity anonymous = Identity.anonymous("0192f7a3");
        Identity withSession = anonymous.withSessionId("sess_1");

        assertThat(withSession.sessionId()).contains("sess_1");
        assertThat(withSession.id()).isEqualTo("0192f7a3");
        assertThat(anonymous.sessionId()).isEmpty();
        assertThat(withSession).isNotEqualTo(anonymous);
    }

    @Test
    void toStringMasksTheGuestEmail() {
        assertThat(Identity.guest("jane@example.com")).hasToString("guest(j***@example.com)");
        assertThat(Identity.customer("cus_42").withSessionId("s1")).hasToString("customer(cus_42, session s1)");
    }
}
